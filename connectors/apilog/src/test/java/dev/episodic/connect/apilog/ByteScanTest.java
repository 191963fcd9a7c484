package dev.episodic.connect.apilog;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** {@link ByteScan} finds exactly what a byte loop finds, at every alignment, range and byte value. */
class ByteScanTest {
    @Test
    void findsWhatAByteLoopFinds() {
        SplittableRandom random = new SplittableRandom(7);
        for (int round = 0; round < 20_000; round++) {
            byte[] b = new byte[random.nextInt(1, 70)];
            // Few distinct values, high bytes included, so matches, near misses and 0x80 bytes all occur.
            byte[] alphabet = {'\n', '"', '\\', ' ', 'a', (byte) 0x80, (byte) 0xFF, 0, (byte) 0x8A};
            for (int i = 0; i < b.length; i++) {
                b[i] = alphabet[random.nextInt(alphabet.length)];
            }
            int from = random.nextInt(b.length + 1);
            int to = from + random.nextInt(b.length - from + 1);
            byte c1 = alphabet[random.nextInt(alphabet.length)];
            byte c2 = alphabet[random.nextInt(alphabet.length)];
            assertThat(ByteScan.indexOf(b, from, to, c1)).isEqualTo(loop(b, from, to, c1, c1));
            assertThat(ByteScan.indexOfEither(b, from, to, c1, c2)).isEqualTo(loop(b, from, to, c1, c2));
        }
    }

    @Test
    void findsTheFirstStringStopAsAByteLoopDoes() {
        SplittableRandom random = new SplittableRandom(13);
        byte[] alphabet = {' ', '!', 'a', '~', 0x7F, 0x1F, 0, '\t', (byte) 0x80, (byte) 0xC3, (byte) 0xFF, 0x21, '"',
            '\\', '#', ']', '[', '\\' + 1};
        for (int round = 0; round < 20_000; round++) {
            byte[] b = new byte[random.nextInt(1, 70)];
            for (int i = 0; i < b.length; i++) {
                // Mostly printable, so that runs of clean words and late hits both occur.
                b[i] = random.nextInt(6) == 0 ? alphabet[random.nextInt(alphabet.length)] : (byte) random.nextInt(0x20, 0x7F);
            }
            int from = random.nextInt(b.length + 1);
            int to = from + random.nextInt(b.length - from + 1);
            int expected = -1;
            for (int i = from; i < to; i++) {
                if (b[i] < 0x20 || b[i] == '"' || b[i] == '\\') {
                    expected = i;
                    break;
                }
            }
            assertThat(ByteScan.indexOfStringStop(b, from, to)).isEqualTo(expected);
        }
    }

    @Test
    void anEmptyOrInvertedRangeHasNoMatch() {
        byte[] b = "\n\n\n\n\n\n\n\n\n\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        assertThat(ByteScan.indexOf(b, 4, 4, (byte) '\n')).isEqualTo(-1);
        assertThat(ByteScan.indexOfEither(b, 9, 3, (byte) '\n', (byte) '"')).isEqualTo(-1);
    }

    private static int loop(final byte[] b, final int from, final int to, final byte c1, final byte c2) {
        for (int i = from; i < to; i++) {
            if (b[i] == c1 || b[i] == c2) {
                return i;
            }
        }
        return -1;
    }
}
