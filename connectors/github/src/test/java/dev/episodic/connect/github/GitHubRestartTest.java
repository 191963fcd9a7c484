package dev.episodic.connect.github;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.episodic.connect.common.cursor.StreamPartition;
import dev.episodic.connect.common.testkit.github.FakeRepo;
import dev.episodic.connect.common.testkit.github.FakeRequest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What a stream's offset carries across a restart: the ETags of its last round and GitHub's X-Poll-Interval. */
class GitHubRestartTest extends FakeGitHubTaskTest {

    @Test
    void theFirstRequestOfEveryStreamAfterARestartIsConditionalAndFree() throws Exception {
        FakeRepo repo = github.createRepo("acme", "app");
        ObjectNode issue = repo.openIssue("i");
        ObjectNode pr = repo.openPull("p");
        repo.review(pr, "APPROVED");
        repo.comment(issue, "c");
        repo.reviewComment(pr, "rc");
        repo.release("v1");
        repo.event("PushEvent");
        repo.commit("main", "m");
        harness = new TaskHarness(TaskHarness.props(github.url(), TOKEN, "commits,pull_requests,issues,"
                + "issue_comments,pull_request_reviews,review_comments,releases,events", 10, 50, "acme/app"));
        harness.start();
        TaskHarness h = harness;
        h.pollUntil(() -> h.records.size() >= 8, 50);
        h.poll(3);
        assertThat(h.offsets).hasSize(8).allSatisfy((partition, offset) ->
                assertThat(offset.get("etag")).as("ETag in the offset of " + partition).isNotNull());

        int before = github.exchanges().size();
        long quota = github.quotaUsed();
        h.restart();
        Thread.sleep(1_100); // the events feed's X-Poll-Interval of 1 s holds across the restart
        h.poll(10);
        Map<String, FakeRequest> firstByPath = new LinkedHashMap<>();
        for (FakeRequest r : github.exchanges().subList(before, github.exchanges().size())) {
            firstByPath.putIfAbsent(r.path(), r);
        }
        assertThat(firstByPath).hasSize(7); // the PR stream and the reviews stream ask the same list
        assertThat(firstByPath.values()).allSatisfy(r -> {
            assertThat(r.conditional()).as(r.pathAndQuery()).isTrue();
            assertThat(r.notModified()).as(r.pathAndQuery()).isTrue();
        });
        assertThat(github.quotaUsed()).isEqualTo(quota);
        assertThat(h.records).hasSize(8);
    }

    @Test
    void xPollIntervalIsKeptInTheOffsetAndHonouredAfterARestart() throws Exception {
        FakeRepo repo = github.createRepo("acme", "app");
        github.setPollInterval(3);
        repo.event("PushEvent");
        harness = new TaskHarness(TaskHarness.props(github.url(), TOKEN, "events", 10, 50, "acme/app"));
        harness.start();
        TaskHarness h = harness;
        h.pollUntil(() -> h.records.size() >= 1, 20);
        Map<String, ?> offset = h.offsets.get(StreamPartition.of("github:acme/app:events"));
        assertThat(offset.get("poll_s")).isEqualTo(3L);

        h.restart();
        int before = github.exchanges().size();
        long start = System.currentTimeMillis();
        h.pollUntil(() -> github.exchanges().size() > before, 100);
        List<FakeRequest> after = github.exchanges().subList(before, github.exchanges().size());
        assertThat(after.get(0).atMillis() - start).as("no request before X-Poll-Interval has passed")
                .isGreaterThanOrEqualTo(2_900);
        assertThat(after.get(0).conditional()).isTrue();
        assertThat(after.get(0).notModified()).isTrue();

        // Between rounds of a running task too: nothing is asked sooner than 3 s after the previous round.
        repo.event("CreateEvent");
        h.pollUntil(() -> h.records.size() >= 2, 100);
        List<FakeRequest> events = github.exchanges().stream().filter(e -> e.path().endsWith("/events")).toList();
        for (int i = 1; i < events.size(); i++) {
            assertThat(events.get(i).atMillis() - events.get(i - 1).atMillis()).isGreaterThanOrEqualTo(2_900);
        }
    }
}
