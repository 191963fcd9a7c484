package dev.episodic.connect.slack;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.episodic.connect.common.event.EventJson;
import dev.episodic.connect.common.testkit.ContractSource;
import dev.episodic.connect.common.testkit.SourceConnectorContractTest;
import dev.episodic.connect.common.testkit.slack.FakeSlack;
import dev.episodic.connect.common.testkit.slack.FakeTs;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.source.SourceConnector;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * The suite's contract on a real broker and Connect worker with exactly-once on, against the stateful fake Slack.
 * The worker-restart step lands in the middle of a 10,000-message channel with threads (every tenth message has a
 * reply), read in pages of 200.
 */
class SlackContractIT extends SourceConnectorContractTest {
    private final List<FakeSlack> fakes = new ArrayList<>();

    @AfterAll
    void closeFakes() {
        fakes.forEach(FakeSlack::close);
    }

    @Override
    protected Class<? extends SourceConnector> connectorClass() {
        return SlackSourceConnector.class;
    }

    @Override
    protected int bulkActivity() {
        return 10_000;
    }

    @Override
    protected Duration ingestTimeout() {
        return Duration.ofSeconds(300);
    }

    private FakeSlack newFake() throws Exception {
        // Three days back: the activity lies outside the (1 h) edits window, as a backfill of history does.
        FakeSlack slack = new FakeSlack(Instant.now().minus(Duration.ofDays(3)));
        fakes.add(slack);
        slack.channel("C1", "general");
        slack.channel("C2", "random");
        slack.user("U1", "Ada");
        slack.user("U2", "Grace");
        return slack;
    }

    @Override
    protected ContractSource newSource(final Path dir) throws Exception {
        FakeSlack slack = newFake();
        FakeTs parent = slack.post("C1", "U1", "welcome");
        slack.reply("C1", parent, "U2", "thanks");
        slack.reply("C1", parent, "U1", "you're welcome");
        slack.post("C1", "U2", "second");
        slack.post("C2", "U1", "elsewhere");
        slack.post("C2", "U2", "elsewhere too");
        return new ContractSource() {
            @Override
            public Map<String, String> config() {
                Map<String, String> config = new HashMap<>();
                config.put(SlackConfig.TOKEN, FakeSlack.TOKEN);
                config.put(SlackConfig.API_URL, slack.url());
                config.put(SlackConfig.CHANNELS, "C1,#random");
                config.put(SlackConfig.EDITS_WINDOW, "1h");
                config.put(SlackConfig.REQUESTS_PER_MINUTE, "10000");
                return config;
            }

            @Override
            public int initialEvents() {
                return 6;
            }

            @Override
            public int addActivity(final int amount) {
                int events = 0;
                for (int i = 0; i < amount; i++) {
                    FakeTs ts = slack.post("C1", i % 2 == 0 ? "U1" : "U2", "message " + i);
                    events++;
                    if (i % 10 == 0) {
                        slack.reply("C1", ts, "U2", "reply to " + i);
                        events++;
                    }
                }
                return events;
            }
        };
    }

    @Override
    protected Map<String, String> invalidConfig(final Path dir) {
        try {
            FakeSlack slack = newFake();
            Map<String, String> config = new HashMap<>();
            config.put(SlackConfig.TOKEN, "xoxb-revoked");
            config.put(SlackConfig.API_URL, slack.url());
            config.put(SlackConfig.CHANNELS, "C1");
            return config;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    protected String invalidConfigMessage(final Path dir) {
        return "invalid_auth";
    }

    /** The shipped config/slack.json passes the worker's validate endpoint once its token and API reach a Slack. */
    @Test
    void shippedExampleValidatesOnTheWorker() throws Exception {
        FakeSlack slack = newFake();
        slack.channel("C0123ABCD", "design");
        slack.channel("C0456EFGH", "eng-backend");
        JsonNode example = EventJson.mapper().readTree(
                Path.of("").toAbsolutePath().resolve("../../config/slack.json").normalize().toFile());
        Map<String, String> config = new HashMap<>();
        example.path("config").fields().forEachRemaining(e -> config.put(e.getKey(), e.getValue().asText()));
        config.put("name", example.path("name").asText());
        config.put(SlackConfig.TOKEN, FakeSlack.TOKEN);
        config.put(SlackConfig.API_URL, slack.url());
        JsonNode result = cluster.rest().validate(SlackSourceConnector.class.getName(), config).requireOk().json();
        assertThat(result.path("error_count").asInt()).as(result.toString()).isZero();
    }
}
