package dev.episodic.connect.slack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.episodic.connect.common.testkit.ConfigDefAssertions;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;

class SlackConfigTest {
    private static Map<String, String> minimal() {
        Map<String, String> props = new HashMap<>();
        props.put("name", "slack-1");
        props.put(SlackConfig.TOKEN, "xoxb-1");
        return props;
    }

    @Test
    void everyKeyIsDocumented() {
        ConfigDefAssertions.assertFullyDocumented(SlackConfig.DEFINITION);
    }

    @Test
    void defaultsFollowTheIssue() {
        SlackConfig config = new SlackConfig(minimal());
        assertThat(config.topic()).isEqualTo("episodic.slack");
        assertThat(config.sourceId()).isEqualTo("slack-1");
        assertThat(config.channels()).isEmpty();
        assertThat(config.channelTypes()).containsExactly(ChannelType.PUBLIC_CHANNEL);
        assertThat(config.channelsRefresh()).isEqualTo(Duration.ofHours(1));
        assertThat(config.threads()).isTrue();
        assertThat(config.threadWatch()).isEqualTo(Duration.ofDays(7));
        assertThat(config.editsWindow()).isEqualTo(Duration.ofHours(24));
        assertThat(config.requestsPerMinute()).isEqualTo(SlackConfig.TIER3_PER_MINUTE);
        assertThat(config.oldest()).isEmpty();
        assertThat(config.apiUrl()).isEqualTo("https://slack.com/api/");
    }

    @Test
    void parsesDurationsDatesAndTypes() {
        Map<String, String> props = minimal();
        props.put(SlackConfig.EDITS_WINDOW, "0");
        props.put(SlackConfig.THREAD_WATCH, "36h");
        props.put(SlackConfig.OLDEST, "2024-01-31");
        props.put(SlackConfig.CHANNEL_TYPES, "public_channel, im");
        props.put(SlackConfig.CHANNELS, "C0123, #general");
        SlackConfig config = new SlackConfig(props);
        assertThat(config.editsWindow()).isZero();
        assertThat(config.threadWatch()).isEqualTo(Duration.ofHours(36));
        assertThat(config.oldest()).contains(Instant.parse("2024-01-31T00:00:00Z"));
        assertThat(config.channelTypes()).containsExactly(ChannelType.PUBLIC_CHANNEL, ChannelType.IM);
        assertThat(config.channels()).isEqualTo(List.of("C0123", "#general"));
    }

    @Test
    void refusesBadValuesNamingTheKey() {
        Map<String, String> props = minimal();
        props.put(SlackConfig.EDITS_WINDOW, "a day");
        assertThatThrownBy(() -> new SlackConfig(props)).isInstanceOf(ConfigException.class)
                .hasMessageContaining(SlackConfig.EDITS_WINDOW).hasMessageContaining("24h");
        Map<String, String> types = minimal();
        types.put(SlackConfig.CHANNEL_TYPES, "Public_Channel");
        assertThatThrownBy(() -> new SlackConfig(types)).hasMessageContaining("public_channel");
        Map<String, String> rate = minimal();
        rate.put(SlackConfig.REQUESTS_PER_MINUTE, "0");
        assertThatThrownBy(() -> new SlackConfig(rate)).hasMessageContaining(SlackConfig.REQUESTS_PER_MINUTE);
        Map<String, String> noToken = minimal();
        noToken.remove(SlackConfig.TOKEN);
        assertThatThrownBy(() -> new SlackConfig(noToken)).hasMessageContaining(SlackConfig.TOKEN);
    }

    @Test
    void theTokenIsHiddenWhenTheConfigIsPrinted() {
        Map<String, String> props = minimal();
        props.put(SlackConfig.TOKEN, "xoxb-very-SECRET");
        SlackConfig config = new SlackConfig(props);
        assertThat(config.values().toString()).doesNotContain("xoxb-very-SECRET");
        assertThat(config.token().toString()).doesNotContain("xoxb-very-SECRET");
    }
}
