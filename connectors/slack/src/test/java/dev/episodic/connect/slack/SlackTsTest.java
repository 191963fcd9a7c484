package dev.episodic.connect.slack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class SlackTsTest {
    @Test
    void comparesExactlyWhereDoublesCannot() {
        SlackTs a = SlackTs.parse("1700000000.000001");
        SlackTs b = SlackTs.parse("1700000000.000002");
        // As doubles these two are nearly indistinguishable; as seconds+micros they are ordered.
        assertThat(a).isLessThan(b);
        assertThat(b.isAfter(a)).isTrue();
        assertThat(SlackTs.parse("1700000000.9")).isEqualTo(SlackTs.parse("1700000000.900000"));
        assertThat(SlackTs.parse("1700000001.000000")).isGreaterThan(SlackTs.parse("1700000000.999999"));
    }

    @Test
    void printsSlacksCanonicalFormAndConvertsToInstant() {
        assertThat(SlackTs.parse("1700000000.000100").toString()).isEqualTo("1700000000.000100");
        assertThat(SlackTs.parse("0000000000.000000").toString()).isEqualTo("0.000000");
        assertThat(SlackTs.parse("1700000000.000100").toInstant()).isEqualTo(Instant.ofEpochSecond(1_700_000_000L, 100_000));
        assertThat(SlackTs.of(Instant.ofEpochSecond(5, 1_234_567))).isEqualTo(new SlackTs(5, 1234));
    }

    @Test
    void refusesWhatIsNotATimestamp() {
        assertThatThrownBy(() -> SlackTs.parse("abc")).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("abc");
        assertThatThrownBy(() -> SlackTs.parse("1.1234567")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SlackTs.parse("1.")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SlackTs.parse("-1.000000")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SlackTs.parse(null)).isInstanceOf(IllegalArgumentException.class);
    }
}
