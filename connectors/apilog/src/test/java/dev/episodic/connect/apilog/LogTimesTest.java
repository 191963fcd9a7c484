package dev.episodic.connect.apilog;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;

class LogTimesTest {
    private static Instant clf(final String text) {
        byte[] b = text.getBytes(StandardCharsets.US_ASCII);
        return new LogTimes().clf(b, 0, b.length);
    }

    @Test
    void accessLogTimeAgreesWithJavaTimeOverManyRandomInstants() {
        DateTimeFormatter format = DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ENGLISH);
        Random random = new Random(8);
        LogTimes times = new LogTimes();
        for (int i = 0; i < 20_000; i++) {
            Instant instant = Instant.ofEpochSecond(random.nextInt(2_000_000_000));
            int offsetMinutes = (random.nextInt(27) - 12) * 60 + (random.nextBoolean() ? 30 : 0);
            ZonedDateTime zoned = instant.atZone(java.time.ZoneOffset.ofTotalSeconds(offsetMinutes * 60));
            byte[] text = format.format(zoned).getBytes(StandardCharsets.US_ASCII);
            assertThat(times.clf(text, 0, text.length)).as(new String(text, StandardCharsets.US_ASCII))
                    .isEqualTo(instant);
        }
    }

    @Test
    void malformedAccessLogTimesAreRefused() {
        assertThat(clf("10/Oct/2000:13:55:36 -0700")).isEqualTo(Instant.parse("2000-10-10T20:55:36Z"));
        for (String bad : new String[] {"10/Oct/2000:13:55:36", "10/Xyz/2000:13:55:36 -0700",
            "10/Oct/2000:25:55:36 -0700", "10/Oct/2000 13:55:36 -0700", "1a/Oct/2000:13:55:36 -0700",
            "10/Oct/2000:13:55:36 *0700"}) {
            assertThat(clf(bad)).as(bad).isNull();
        }
    }

    @Test
    void flexibleTimesCoverIsoEpochAndAccessLogText() {
        assertThat(LogTimes.flexible("2024-01-31T10:00:00.123456789Z")).isEqualTo("2024-01-31T10:00:00.123456789Z");
        assertThat(LogTimes.flexible("2024-01-31T11:00:00+01:00")).isEqualTo("2024-01-31T10:00:00Z");
        assertThat(LogTimes.flexible("2024-01-31 11:00:00.5+0100")).isEqualTo("2024-01-31T10:00:00.500Z");
        assertThat(LogTimes.flexible("2024-01-31T10:00Z")).isEqualTo("2024-01-31T10:00:00Z");
        assertThat(LogTimes.flexible("1706695200")).isEqualTo("2024-01-31T10:00:00Z");
        assertThat(LogTimes.flexible("1706695200.25")).isEqualTo("2024-01-31T10:00:00.250Z");
        assertThat(LogTimes.flexible("1706695200123")).isEqualTo("2024-01-31T10:00:00.123Z");
        assertThat(LogTimes.flexible("1706695200123456")).isEqualTo("2024-01-31T10:00:00.123Z");
        assertThat(LogTimes.flexible("31/Jan/2024:10:00:00 +0000")).isEqualTo("2024-01-31T10:00:00Z");
        assertThat(LogTimes.flexible("yesterday")).isNull();
        assertThat(LogTimes.flexible("2024-13-31T10:00:00Z")).isNull();
        assertThat(LogTimes.flexible(" ")).isNull();
    }
}
