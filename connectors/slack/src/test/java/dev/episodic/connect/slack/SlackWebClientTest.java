package dev.episodic.connect.slack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.episodic.connect.common.testkit.ManualClock;
import com.sun.net.httpserver.HttpServer;
import dev.episodic.connect.common.metrics.TaskMetrics;
import dev.episodic.connect.common.task.RateLimitedException;
import dev.episodic.connect.common.task.RetryLaterException;
import dev.episodic.connect.slack.client.BudgetSpentException;
import dev.episodic.connect.slack.client.ChannelUnavailableException;
import dev.episodic.connect.slack.client.RequestBudget;
import dev.episodic.connect.slack.client.SlackApiException;
import dev.episodic.connect.slack.client.SlackWebClient;
import dev.episodic.connect.slack.fake.Cassette;
import dev.episodic.connect.common.testkit.slack.FakeSlack;
import dev.episodic.connect.common.testkit.slack.FakeSlack.Fault;
import dev.episodic.connect.slack.fake.ReplayServer;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.types.Password;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every way a Slack call can fail maps to a retry (with Slack's wait) or a fatal error naming the fix. */
class SlackWebClientTest {
    private FakeSlack slack;
    private SlackWebClient client;

    @BeforeEach
    void start() throws Exception {
        slack = new FakeSlack(Instant.parse("2026-01-01T00:00:00Z"));
        slack.channel("C1", "general");
        slack.post("C1", "U1", "hello");
        client = new SlackWebClient(slack.url(), new Password(FakeSlack.TOKEN), new RequestBudget(1000, Clock.systemUTC()),
                Duration.ofSeconds(5));
    }

    @AfterEach
    void stop() {
        slack.close();
    }

    private void history() throws InterruptedException {
        client.page("conversations.history", Map.of("channel", "C1"), "messages", null, "C1");
    }

    @Test
    void http429CarriesRetryAfter() {
        slack.retryAfterSeconds(7);
        slack.failNext("conversations.history", Fault.HTTP_429);
        assertThatThrownBy(this::history).isInstanceOfSatisfying(RateLimitedException.class,
                e -> assertThat(e.retryAfter()).contains(Duration.ofSeconds(7))).hasMessageContaining("HTTP 429");
    }

    @Test
    void ratelimitedErrorIsRetriedWithTheGivenWait() {
        slack.retryAfterSeconds(3);
        slack.failNext("conversations.history", Fault.RATELIMITED);
        assertThatThrownBy(this::history).isInstanceOfSatisfying(RateLimitedException.class,
                e -> assertThat(e.retryAfter()).contains(Duration.ofSeconds(3))).hasMessageContaining("ratelimited");
    }

    @Test
    void serverErrorsAndMalformedBodiesAreRetriedAndTheNextCallSucceeds() throws Exception {
        slack.failNext("conversations.history", Fault.HTTP_500);
        slack.failNext("conversations.history", Fault.MALFORMED);
        assertThatThrownBy(this::history).isInstanceOf(RetryLaterException.class)
                .isNotInstanceOf(RateLimitedException.class).hasMessageContaining("HTTP 503");
        assertThatThrownBy(this::history).isInstanceOf(RetryLaterException.class).hasMessageContaining("not Slack JSON");
        assertThat(client.page("conversations.history", Map.of("channel", "C1"), "messages", null, "C1").items())
                .hasSize(1);
    }

    @Test
    void anEchoedTokenIsRedactedFromErrors() {
        slack.failNext("conversations.history", Fault.ECHO_TOKEN_500);
        assertThatThrownBy(this::history).isInstanceOf(RetryLaterException.class)
                .hasMessageContaining("[hidden]")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(FakeSlack.TOKEN));
    }

    @Test
    void channelErrorsNameTheChannelAndTheFix() {
        slack.channel("C2", "private").kickApp();
        assertThatThrownBy(() -> client.page("conversations.history", Map.of("channel", "C2"), "messages", null, "C2"))
                .isInstanceOf(ChannelUnavailableException.class).hasMessageContaining("C2")
                .hasMessageContaining("invite the app");
        assertThatThrownBy(() -> client.page("conversations.history", Map.of("channel", "C404"), "messages", null, "C404"))
                .isInstanceOf(ChannelUnavailableException.class).hasMessageContaining("channel_not_found");
    }

    @Test
    void aWrongTokenIsFatalWithoutShowingIt() {
        SlackWebClient wrong = new SlackWebClient(slack.url(), new Password("xoxb-wrong-SECRET"),
                new RequestBudget(10, Clock.systemUTC()), Duration.ofSeconds(5));
        assertThatThrownBy(() -> wrong.call("auth.test", Map.of(), null))
                .isInstanceOfSatisfying(SlackApiException.class, e -> assertThat(e.error()).isEqualTo("invalid_auth"))
                .hasMessageContaining("slack.token")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("xoxb-wrong-SECRET"));
    }

    @Test
    void missingScopeNamesTheScope() throws Exception {
        Cassette.Interaction answer = new Cassette.Interaction("https://slack.com/api/conversations.history", "", 200,
                Map.of("Content-Type", "application/json"),
                "{\"ok\":false,\"error\":\"missing_scope\",\"needed\":\"channels:history\",\"provided\":\"identify\"}");
        try (ReplayServer server = new ReplayServer(List.of(answer))) {
            SlackWebClient c = new SlackWebClient(server.url(), new Password("t"), new RequestBudget(10, Clock.systemUTC()),
                    Duration.ofSeconds(5));
            assertThatThrownBy(() -> c.call("conversations.history", Map.of(), "C1"))
                    .isInstanceOf(SlackApiException.class).hasMessageContaining("'channels:history'")
                    .hasMessageContaining("reinstall");
        }
    }

    @Test
    void aSlowAnswerTimesOutAsRetriable() throws Exception {
        HttpServer slow = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        slow.createContext("/api/", exchange -> {
            try (exchange) {
                Thread.sleep(2_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        slow.start();
        try {
            SlackWebClient c = new SlackWebClient("http://127.0.0.1:" + slow.getAddress().getPort() + "/api",
                    new Password("t"), new RequestBudget(10, Clock.systemUTC()), Duration.ofMillis(300));
            assertThatThrownBy(() -> c.call("auth.test", Map.of(), null)).isInstanceOf(RetryLaterException.class)
                    .hasMessageContaining("timed out");
        } finally {
            slow.stop(0);
        }
    }

    @Test
    void theBudgetRefusesTheRequestBeyondThePerMethodLimitUntilAMinutePassed() {
        ManualClock clock = ManualClock.fixedAt(Instant.parse("2026-01-01T00:00:00Z"));
        RequestBudget budget = new RequestBudget(2, clock);
        budget.acquire("conversations.history");
        clock.advance(Duration.ofSeconds(10));
        budget.acquire("conversations.history");
        budget.acquire("conversations.replies");
        assertThatThrownBy(() -> budget.acquire("conversations.history"))
                .isInstanceOfSatisfying(BudgetSpentException.class,
                        e -> assertThat(e.retryAfter()).contains(Duration.ofSeconds(50)));
        clock.advance(Duration.ofSeconds(50));
        budget.acquire("conversations.history");
        assertThat(budget.available("conversations.history")).isZero();
        assertThat(budget.available("conversations.replies")).isEqualTo(1);
    }

    @Test
    void everyRequestSentIsCountedInTheTaskMetricsAndARefusedOneIsNot() throws Exception {
        TaskMetrics metrics = TaskMetrics.unpublished(Clock.systemUTC());
        SlackWebClient counted = new SlackWebClient(slack.url(), new Password(FakeSlack.TOKEN),
                new RequestBudget(2, Clock.systemUTC()), Duration.ofSeconds(5), metrics);
        slack.failNext("auth.test", Fault.HTTP_500);
        assertThatThrownBy(() -> counted.call("auth.test", Map.of(), null)).isInstanceOf(RetryLaterException.class);
        counted.call("auth.test", Map.of(), null);
        assertThatThrownBy(() -> counted.call("auth.test", Map.of(), null)).isInstanceOf(BudgetSpentException.class);
        assertThat(metrics.sourceRequests()).isEqualTo(2).isEqualTo(slack.calls("auth.test"));
    }

    @Test
    void aSpentBudgetSendsNothing() throws Exception {
        SlackWebClient tight = new SlackWebClient(slack.url(), new Password(FakeSlack.TOKEN),
                new RequestBudget(1, Clock.systemUTC()), Duration.ofSeconds(5));
        tight.call("auth.test", Map.of(), null);
        assertThatThrownBy(() -> tight.call("auth.test", Map.of(), null)).isInstanceOf(BudgetSpentException.class);
        assertThat(slack.calls("auth.test")).isEqualTo(1);
    }
}
