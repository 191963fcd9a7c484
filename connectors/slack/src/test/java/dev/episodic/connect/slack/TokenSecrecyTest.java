package dev.episodic.connect.slack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.episodic.connect.common.event.EventJson;
import dev.episodic.connect.common.testkit.slack.FakeSlack;
import dev.episodic.connect.common.testkit.slack.FakeSlack.Fault;
import dev.episodic.connect.common.testkit.slack.FakeTs;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.Config;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.Logger;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Property;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Runs the connector through a full sync, faults, a channel failure, a wrong-token validation and a failing
 * start, capturing every log line at every level, and proves the token appears in none of them, nor in any event,
 * offset or error message.
 */
class TokenSecrecyTest {
    private final List<String> lines = new ArrayList<>();
    private AbstractAppender appender;
    private Level previous;
    private FakeSlack slack;

    @BeforeEach
    void capture() throws Exception {
        Logger root = (Logger) LogManager.getRootLogger();
        previous = root.getLevel();
        appender = new AbstractAppender("capture", null, null, true, Property.EMPTY_ARRAY) {
            @Override
            public void append(final LogEvent event) {
                synchronized (lines) {
                    lines.add(event.getMessage().getFormattedMessage()
                            + (event.getThrown() == null ? "" : " " + event.getThrown()));
                }
            }
        };
        appender.start();
        root.addAppender(appender);
        root.setLevel(Level.ALL);
        slack = new FakeSlack(Instant.now().minus(Duration.ofHours(2)));
        slack.channel("C1", "general");
        slack.channel("C2", "closed");
        slack.user("U1", "Ada");
    }

    @AfterEach
    void release() {
        Logger root = (Logger) LogManager.getRootLogger();
        root.removeAppender(appender);
        root.setLevel(previous);
        appender.stop();
        slack.close();
    }

    @Test
    void theTokenAppearsNowhere() throws Exception {
        FakeTs m = slack.post("C1", "U1", "hello");
        slack.reply("C1", m, "U1", "reply");
        slack.react("C1", m, "eyes", "U1");
        slack.post("C2", "U1", "hidden");
        slack.channel("C2", "closed").kickApp();
        slack.retryAfterSeconds(1);
        slack.failNext("conversations.history", Fault.ECHO_TOKEN_500);
        slack.failNext("conversations.history", Fault.HTTP_429);
        List<String> texts = new ArrayList<>();
        try (TaskHarness task = new TaskHarness(slack, List.of(new Channel("C1", "general"), new Channel("C2", "closed")))
                .start()) {
            assertThat(task.drainUntil(3, Duration.ofSeconds(30))).hasSize(3);
            task.records().forEach(r -> texts.add(String.valueOf(r.sourceOffset())));
            task.events().forEach(e -> texts.add(EventJson.toJson(e)));
        }

        SlackSourceConnector connector = new SlackSourceConnector();
        Map<String, String> wrong = new HashMap<>();
        wrong.put("name", "secrecy");
        wrong.put(SlackConfig.TOKEN, "xoxb-wrong-SECRET-777");
        wrong.put(SlackConfig.API_URL, slack.url());
        Config result = connector.validate(wrong);
        result.configValues().forEach(v -> texts.add(v.name() + "=" + v.value() + " " + v.errorMessages()));
        assertThat(result.configValues().stream().filter(v -> v.name().equals(SlackConfig.TOKEN)).findFirst()
                .orElseThrow().errorMessages()).anySatisfy(msg -> assertThat(msg).contains("invalid_auth"));
        assertThatThrownBy(() -> connector.start(wrong)).satisfies(e -> texts.add(String.valueOf(e)));

        synchronized (lines) {
            texts.addAll(lines);
        }
        assertThat(lines).anySatisfy(l -> assertThat(l).contains("C2").contains("invite the app"));
        assertThat(texts).isNotEmpty().noneSatisfy(t -> assertThat(t).contains(FakeSlack.TOKEN))
                .noneSatisfy(t -> assertThat(t).contains("xoxb-wrong-SECRET-777"));
        assertThat(slack.authHeaders()).contains("Bearer " + FakeSlack.TOKEN);
    }
}
