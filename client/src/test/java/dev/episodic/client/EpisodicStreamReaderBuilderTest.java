package dev.episodic.client;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class EpisodicStreamReaderBuilderTest {
    @Test
    void refusesSettingsThatWouldBreakItsPromises() {
        assertThatThrownBy(() -> EpisodicStreamReader.builder().bootstrapServers("127.0.0.1:1").topic("t")
                .consumerProperty("isolation.level", "read_uncommitted").build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("read_committed");
        assertThatThrownBy(() -> EpisodicStreamReader.builder().topic("t").build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("bootstrap");
        assertThatThrownBy(() -> EpisodicStreamReader.builder().bootstrapServers("127.0.0.1:1").build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("No topic");
        assertThatThrownBy(() -> EpisodicStreamReader.builder().apiTimeout(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void rejectsBadArgumentsBeforeTouchingTheNetwork() {
        try (EpisodicStreamReader reader = EpisodicStreamReader.builder().bootstrapServers("127.0.0.1:1").topic("t").build()) {
            assertThatThrownBy(() -> reader.read("s", -1, Long.MAX_VALUE, 1)).hasMessageContaining("after must be");
            assertThatThrownBy(() -> reader.read("s", 0, Long.MAX_VALUE, 0)).hasMessageContaining("limit must be");
            assertThatThrownBy(() -> reader.follow("s", 0, Duration.ofMillis(-1))).hasMessageContaining("waitTimeout");
        }
    }
}
