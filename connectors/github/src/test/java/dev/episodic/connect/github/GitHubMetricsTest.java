package dev.episodic.connect.github;

import static org.assertj.core.api.Assertions.assertThat;

import dev.episodic.connect.common.metrics.MetricNames;
import dev.episodic.connect.common.testkit.SourceTaskDriver;
import dev.episodic.connect.common.testkit.github.FakeGitHub;
import dev.episodic.connect.common.testkit.github.FakeRepo;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The task's published metrics follow what it asked GitHub, what came back 304, and the waits GitHub imposed. */
class GitHubMetricsTest {
    private static final String TOKEN = "ghp_metricstest_" + Long.toHexString(System.nanoTime());

    @Test
    void requestsNotModifiedAnswersRetriesAndRateLimitWaitsAreCounted() throws Exception {
        try (FakeGitHub github = FakeGitHub.start(TOKEN)) {
            FakeRepo repo = github.createRepo("acme", "app");
            for (int i = 0; i < 25; i++) {
                repo.openIssue("i" + i);
            }
            repo.commit("main", "m");
            SourceTaskDriver<GitHubSourceTask> driver = SourceTaskDriver.ofTask(GitHubSourceTask::new,
                    TaskHarness.props(github.url(), TOKEN, "issues,commits", 10, 100, "acme/app"));
            driver.start();
            try {
                driver.drainUntilQuiet(3, Duration.ofMillis(150), Duration.ofSeconds(30));
                assertThat(driver.records()).hasSize(26);
                assertThat(driver.metric(MetricNames.EVENTS_EMITTED)).isEqualTo(26);
                assertThat(driver.metric(MetricNames.SOURCE_REQUESTS)).as("every request, as GitHub saw them")
                        .isEqualTo(github.requests()).isPositive();
                assertThat(driver.metric(MetricNames.SOURCE_NOT_MODIFIED)).as("idle rounds are 304s")
                        .isEqualTo(github.notModified()).isPositive();

                github.inject(1, 502, Map.of(), "<html>Bad gateway</html>");
                github.inject(1, 429, Map.of("Retry-After", "1"), "{\"message\":\"You have exceeded a secondary rate limit\"}");
                repo.openIssue("late");
                long deadline = System.nanoTime() + 20_000_000_000L;
                while (driver.records().size() < 27 && System.nanoTime() < deadline) {
                    driver.pollOnce();
                }
                assertThat(driver.records()).hasSize(27);
                // The 502 and the 429; a busy machine may add a read timeout, itself a counted retry.
                assertThat(driver.metric(MetricNames.RETRIES)).isGreaterThanOrEqualTo(2);
                assertThat(driver.metric(MetricNames.RATE_LIMIT_WAITS)).isEqualTo(1);
                assertThat(driver.metric(MetricNames.RATE_LIMIT_WAIT_MS)).isGreaterThanOrEqualTo(1_000);
                assertThat(driver.metric(MetricNames.SOURCE_REQUESTS)).isEqualTo(github.requests());
            } finally {
                driver.stop();
            }
        }
    }
}
