package dev.episodic.connect.slack;

import static org.assertj.core.api.Assertions.assertThat;

import dev.episodic.connect.common.metrics.TaskMetrics;
import dev.episodic.connect.common.testkit.slack.FakeSlack;
import dev.episodic.connect.common.testkit.slack.FakeSlack.Fault;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The task's metrics move with what it does: every Slack request, every rate-limit wait, every event. */
class SlackTaskMetricsTest {
    private static final Channel GENERAL = new Channel("C1", "general");
    private FakeSlack slack;

    @BeforeEach
    void start() throws Exception {
        slack = new FakeSlack(Instant.now().minus(Duration.ofHours(1)));
        slack.channel("C1", "general");
        slack.user("U1", "Ada");
        for (int i = 0; i < 4; i++) {
            slack.post("C1", "U1", "m" + i);
        }
    }

    @AfterEach
    void stop() {
        slack.close();
    }

    @Test
    void everyRequestIsCountedAnd429AndRatelimitedCountAsRateLimitWaits() throws Exception {
        slack.retryAfterSeconds(1);
        slack.failNext("conversations.history", Fault.HTTP_429);
        slack.failNext("conversations.history", Fault.HTTP_500);
        slack.failNext("conversations.history", Fault.RATELIMITED);
        try (TaskHarness task = new TaskHarness(slack, List.of(GENERAL)).start()) {
            assertThat(task.drainUntil(4, Duration.ofSeconds(30))).hasSize(4);
            task.pollFor(Duration.ofMillis(300));
            TaskMetrics metrics = task.task().taskMetrics();
            // The fake saw exactly the requests the task counted (history, users.info, faults included).
            assertThat(metrics.sourceRequests()).isEqualTo(slack.totalCalls()).isGreaterThanOrEqualTo(5);
            // 429 and ratelimited are rate-limit waits of at least their Retry-After; the 503 is a plain retry.
            assertThat(metrics.rateLimitWaits()).isEqualTo(2);
            assertThat(metrics.rateLimitWaitMs()).isGreaterThanOrEqualTo(2_000);
            assertThat(metrics.retries()).isEqualTo(3);
            assertThat(metrics.eventsEmitted()).isEqualTo(4);
            assertThat(metrics.lastSequence("slack:C1")).isEqualTo(4);
        }
    }

    @Test
    void aSpentRequestBudgetIsARateLimitWaitTheTaskTakesItself() throws Exception {
        try (TaskHarness task = new TaskHarness(slack, List.of(GENERAL)).set(SlackConfig.PAGE_SIZE, "2")
                .set(SlackConfig.REQUESTS_PER_MINUTE, "2").start()) {
            task.pollFor(Duration.ofMillis(800));
            TaskMetrics metrics = task.task().taskMetrics();
            assertThat(slack.calls("conversations.history")).isEqualTo(2);
            assertThat(metrics.rateLimitWaits()).isPositive();
            // The budget frees a minute after the first request: the wait counted is most of that minute.
            assertThat(metrics.rateLimitWaitMs()).isGreaterThan(50_000);
            assertThat(metrics.sourceRequests()).isEqualTo(slack.totalCalls());
        }
    }
}
