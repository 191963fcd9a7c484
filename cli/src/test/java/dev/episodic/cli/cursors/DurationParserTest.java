package dev.episodic.cli.cursors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.episodic.cli.UsageException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class DurationParserTest {
    @Test
    void readsShortFormsAndIso() {
        assertThat(DurationParser.parse("90s")).isEqualTo(Duration.ofSeconds(90));
        assertThat(DurationParser.parse("30m")).isEqualTo(Duration.ofMinutes(30));
        assertThat(DurationParser.parse("24h")).isEqualTo(Duration.ofHours(24));
        assertThat(DurationParser.parse("7d")).isEqualTo(Duration.ofDays(7));
        assertThat(DurationParser.parse("2w")).isEqualTo(Duration.ofDays(14));
        assertThat(DurationParser.parse("250ms")).isEqualTo(Duration.ofMillis(250));
        assertThat(DurationParser.parse("P3D")).isEqualTo(Duration.ofDays(3));
        assertThat(DurationParser.parse("pt1h")).isEqualTo(Duration.ofHours(1));
    }

    @Test
    void rejectsWhatItCannotRead() {
        assertThatThrownBy(() -> DurationParser.parse("7 days")).isInstanceOf(UsageException.class).hasMessageContaining("7d");
        assertThatThrownBy(() -> DurationParser.parse("")).isInstanceOf(UsageException.class);
    }

    @Test
    void humanizes() {
        assertThat(DurationParser.humanize(Duration.ofSeconds(5))).isEqualTo("5s");
        assertThat(DurationParser.humanize(Duration.ofMinutes(12))).isEqualTo("12m");
        assertThat(DurationParser.humanize(Duration.ofMinutes(125))).isEqualTo("2h 5m");
        assertThat(DurationParser.humanize(Duration.ofHours(76))).isEqualTo("3d 4h");
    }
}
