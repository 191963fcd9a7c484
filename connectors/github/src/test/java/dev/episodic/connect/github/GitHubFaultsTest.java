package dev.episodic.connect.github;

import static dev.episodic.connect.github.GitHubSourceTaskTest.assertDense;
import static org.assertj.core.api.Assertions.assertThat;

import dev.episodic.connect.common.testkit.github.FakeFault;
import dev.episodic.connect.common.testkit.github.FakeRepo;
import dev.episodic.connect.common.testkit.github.FakeRequest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Passing faults of GitHub: 5xx with and without Retry-After, read timeouts, a 502 storm mid-sync. */
class GitHubFaultsTest extends FakeGitHubTaskTest {
    private static final String ISSUES = "github:acme/app:issues";

    private FakeRepo repoWithIssues(final int n) {
        FakeRepo repo = github.createRepo("acme", "app");
        for (int i = 0; i < n; i++) {
            repo.openIssue("issue " + i);
        }
        return repo;
    }

    /** Milliseconds between each answer of {@code status} and the request after it. */
    private List<Long> gapsAfter(final int status) {
        List<FakeRequest> log = github.exchanges();
        List<Long> gaps = new java.util.ArrayList<>();
        for (int i = 0; i + 1 < log.size(); i++) {
            if (log.get(i).status() == status) {
                gaps.add(log.get(i + 1).atMillis() - log.get(i).atMillis());
            }
        }
        return gaps;
    }

    @Test
    void aServerErrorWithRetryAfterWaitsAtLeastThatLong() throws Exception {
        repoWithIssues(15);
        TaskHarness h = run(TaskHarness.props(github.url(), TOKEN, "issues", 10, 100, "acme/app"));
        github.inject(1, 503, Map.of("Retry-After", "2"), "<html>Unicorn!</html>");
        h.pollUntil(() -> h.records.size() >= 15, 500);
        assertThat(assertDense(h.records)).containsEntry(ISSUES, 15);
        assertThat(gapsAfter(503)).singleElement().satisfies(gap -> assertThat(gap).isGreaterThanOrEqualTo(1_950));
    }

    @Test
    void serverErrorsWithoutRetryAfterBackOffWithGrowingJitteredWaits() throws Exception {
        repoWithIssues(15);
        TaskHarness h = run(TaskHarness.props(github.url(), TOKEN, "issues", 10, 100, "acme/app"));
        github.inject(3, 502, Map.of(), "<html>Bad gateway</html>");
        h.pollUntil(() -> h.records.size() >= 15, 500);
        assertThat(assertDense(h.records)).containsEntry(ISSUES, 15);
        // The base backoff draws each wait from the upper half of a doubling ceiling (500 ms, 1 s, 2 s).
        List<Long> gaps = gapsAfter(502);
        assertThat(gaps).hasSize(3);
        assertThat(gaps.get(0)).isBetween(240L, 1_000L);
        assertThat(gaps.get(1)).isGreaterThanOrEqualTo(490L);
        assertThat(gaps.get(2)).isGreaterThanOrEqualTo(990L);
    }

    @Test
    void aReadTimeoutBacksOffAndLosesNothing() throws Exception {
        repoWithIssues(60);
        Map<String, String> props = TaskHarness.props(github.url(), TOKEN, "issues", 10, 10, "acme/app");
        props.put(GitHubConfig.REQUEST_TIMEOUT_MS, "1000");
        TaskHarness h = run(props);
        h.pollUntil(() -> h.records.size() >= 10, 20);
        github.inject(FakeFault.stall(2_500));
        long longestPoll = 0;
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (h.records.size() < 60 && System.nanoTime() < deadline) {
            long start = System.nanoTime();
            h.poll(1);
            longestPoll = Math.max(longestPoll, (System.nanoTime() - start) / 1_000_000);
        }
        assertThat(longestPoll).as("the 1 s read timeout, not the 2.5 s stall, ends the stalled request")
                .isBetween(900L, 2_000L);
        h.poll(3);
        assertThat(assertDense(h.records)).containsEntry(ISSUES, 60);
    }

    @Test
    void aStormOf502MidSyncThenRecoveryLosesAndRepeatsNothing() throws Exception {
        FakeRepo repo = repoWithIssues(200);
        for (int i = 0; i < 60; i++) {
            repo.commit("main", "c" + i);
        }
        TaskHarness h = run(TaskHarness.props(github.url(), TOKEN, "issues,commits", 10, 25, "acme/app"));
        h.poll(3);
        github.inject(4, 502, Map.of(), "<html>Bad gateway</html>");
        h.poll(2);
        h.restart();
        h.pollUntil(() -> h.records.size() >= 260, 2_000);
        h.poll(3);
        assertThat(assertDense(h.records)).containsEntry(ISSUES, 200).containsEntry("github:acme/app:commits", 60);
        assertThat(github.exchanges()).filteredOn(e -> e.status() == 502).hasSize(4);
    }
}
