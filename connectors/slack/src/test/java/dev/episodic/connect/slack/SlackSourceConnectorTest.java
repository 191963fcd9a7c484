package dev.episodic.connect.slack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;

import dev.episodic.connect.common.connector.TaskAssignments;
import dev.episodic.connect.common.testkit.slack.FakeSlack;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.common.config.Config;
import org.apache.kafka.common.config.ConfigValue;
import org.apache.kafka.connect.connector.ConnectorContext;
import org.apache.kafka.connect.source.ExactlyOnceSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SlackSourceConnectorTest {
    private FakeSlack slack;
    private final SlackSourceConnector connector = new SlackSourceConnector();

    @BeforeEach
    void start() throws Exception {
        slack = new FakeSlack(Instant.parse("2026-01-01T00:00:00Z"));
        slack.channel("C1", "general");
        slack.channel("C2", "random");
        slack.channel("C3", "ops").kickApp();
    }

    @AfterEach
    void stop() {
        connector.stop();
        slack.close();
    }

    private Map<String, String> props(final String channels) {
        Map<String, String> props = new HashMap<>();
        props.put("name", "slack-c");
        props.put(SlackConfig.TOKEN, FakeSlack.TOKEN);
        props.put(SlackConfig.API_URL, slack.url());
        props.put(SlackConfig.CHANNELS, channels);
        return props;
    }

    private static List<String> errors(final Config config, final String key) {
        return config.configValues().stream().filter(v -> v.name().equals(key)).findFirst()
                .map(ConfigValue::errorMessages).orElseThrow();
    }

    @Test
    void emptyChannelsMeansEveryMemberChannelSplitAcrossTasks() {
        connector.start(props(""));
        List<Map<String, String>> tasks = connector.taskConfigs(2);
        assertThat(tasks).hasSize(2);
        List<String> assigned = tasks.stream()
                .flatMap(t -> TaskAssignments.decode(SlackConfig.TASK_CHANNELS, t.get(SlackConfig.TASK_CHANNELS)).stream())
                .collect(Collectors.toList());
        assertThat(assigned).containsExactlyInAnyOrder("C1#general", "C2#random");
        assertThat(tasks).allSatisfy(t -> assertThat(t).containsEntry("source.id", "slack-c"));
        assertThat(connector.exactlyOnceSupport(props(""))).isEqualTo(ExactlyOnceSupport.SUPPORTED);
    }

    @Test
    void aNewMemberChannelTriggersTaskReconfiguration() {
        ConnectorContext context = mock(ConnectorContext.class);
        connector.initialize(context);
        connector.start(props(""));
        connector.refresh();
        verify(context, never()).requestTaskReconfiguration();
        slack.channel("C4", "new-team");
        connector.refresh();
        verify(context, times(1)).requestTaskReconfiguration();
        assertThat(TaskAssignments.decode(SlackConfig.TASK_CHANNELS,
                connector.taskConfigs(1).get(0).get(SlackConfig.TASK_CHANNELS))).contains("C4#new-team");
    }

    @Test
    void namesAndIdsResolveToChannels() {
        connector.start(props("#Random, C1"));
        List<String> assigned = TaskAssignments.decode(SlackConfig.TASK_CHANNELS,
                connector.taskConfigs(1).get(0).get(SlackConfig.TASK_CHANNELS));
        assertThat(assigned).containsExactly("C2#random", "C1#general");
    }

    @Test
    void validateChecksTheTokenAndTheListedChannels() {
        assertThat(connector.validate(props("C1,#random")).configValues())
                .allSatisfy(v -> assertThat(v.errorMessages()).as(v.name()).isEmpty());
        assertThat(errors(connector.validate(props("#nosuch")), SlackConfig.CHANNELS))
                .anySatisfy(e -> assertThat(e).contains("#nosuch").contains("Fix"));
        assertThat(errors(connector.validate(props("C404")), SlackConfig.CHANNELS))
                .anySatisfy(e -> assertThat(e).contains("channel_not_found"));
        Map<String, String> wrong = props("C1");
        wrong.put(SlackConfig.TOKEN, "xoxb-nope");
        assertThat(errors(connector.validate(wrong), SlackConfig.TOKEN))
                .anySatisfy(e -> assertThat(e).contains("invalid_auth").contains("slack.token"));
    }

    @Test
    void alteredOffsetsAreCheckedAgainstTheCursorFormat() {
        Map<Map<String, ?>, Map<String, ?>> good = Map.of(Map.of("stream", "slack:C1"),
                Map.of("v", 1, "seq", 4, "ts", "1700000000.000100", "threads", "", "window", ""));
        assertThat(connector.alterOffsets(props("C1"), good)).isTrue();
        Map<Map<String, ?>, Map<String, ?>> bad = Map.of(Map.of("stream", "slack:C1"),
                Map.of("v", 1, "seq", 4, "ts", "noon"));
        assertThatThrownBy(() -> connector.alterOffsets(props("C1"), bad)).hasMessageContaining("noon");
    }
}
