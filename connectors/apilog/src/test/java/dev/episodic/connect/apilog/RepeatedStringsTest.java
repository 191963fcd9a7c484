package dev.episodic.connect.apilog;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** {@link RepeatedStrings} hands out exactly the string a fresh decoding would give, and reuses it for repeats. */
class RepeatedStringsTest {
    @Test
    void everyValueReadsAsAFreshDecodingWould() {
        SplittableRandom random = new SplittableRandom(11);
        RepeatedStrings strings = new RepeatedStrings();
        // A small pool of values (so most repeat and collide in slots) with invalid UTF-8 and long values included.
        byte[][] pool = new byte[300][];
        byte[] alphabet = {'a', 'b', '/', ' ', '-', (byte) 0xC3, (byte) 0xA9, (byte) 0xFF, (byte) 0x80, '0'};
        for (int i = 0; i < pool.length; i++) {
            pool[i] = new byte[random.nextInt(0, i % 50 == 0 ? 700 : 40)];
            for (int j = 0; j < pool[i].length; j++) {
                pool[i][j] = alphabet[random.nextInt(alphabet.length)];
            }
        }
        for (int round = 0; round < 50_000; round++) {
            byte[] value = pool[random.nextInt(pool.length)];
            // Embedded at a random offset in a bigger line, as a parser sees it.
            byte[] line = new byte[value.length + 20];
            int at = random.nextInt(0, 20);
            System.arraycopy(value, 0, line, at, value.length);
            String got = strings.get(line, at, at + value.length);
            assertThat(got).isEqualTo(new String(value, StandardCharsets.UTF_8));
        }
    }

    @Test
    void aRepeatedValueIsTheSameStringFromItsSecondSightingOn() {
        RepeatedStrings strings = new RepeatedStrings();
        byte[] agent = "x \"Mozilla/5.0 (X11; Linux x86_64)\" y".getBytes(StandardCharsets.UTF_8);
        String first = strings.get(agent, 3, 34);
        String second = strings.get(agent, 3, 34);
        String third = strings.get(agent.clone(), 3, 34);
        assertThat(first).isEqualTo("Mozilla/5.0 (X11; Linux x86_64)");
        assertThat(second).isEqualTo(first);
        assertThat(third).isSameAs(second);
    }

    @Test
    void aValueSeenOnceIsNotKept() {
        RepeatedStrings strings = new RepeatedStrings();
        byte[] a = "request-0001".getBytes(StandardCharsets.US_ASCII);
        byte[] b = "request-0002".getBytes(StandardCharsets.US_ASCII);
        String firstA = strings.get(a, 0, a.length);
        strings.get(b, 0, b.length);
        // Not admitted on one sighting: a second lookup of the same bytes builds a new (equal) string.
        String secondA = strings.get(a, 0, a.length);
        assertThat(secondA).isEqualTo(firstA).isNotSameAs(firstA);
    }
}
