package dev.episodic.connect.apilog;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Finds bytes in a byte array eight at a time: each step loads one {@code long} and tests all its bytes with the
 * classic "has a zero byte" bit trick, so the newline and field-separator searches that every log line needs cost
 * an eighth of the steps of a byte loop. The lowest flagged byte of a step is always a true match (a false flag
 * can only sit above a true one), which is why the first match found is exact.
 */
final class ByteScan {
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long ONES = 0x0101010101010101L;
    private static final long HIGHS = 0x8080808080808080L;
    private static final long SPACES = 0x2020202020202020L;
    private static final long QUOTES = ('"' & 0xFFL) * ONES;
    private static final long BACKSLASHES = ('\\' & 0xFFL) * ONES;

    private ByteScan() {
    }

    /** The first index of {@code c} in {@code b[from, to)}, or -1. */
    static int indexOf(final byte[] b, final int from, final int to, final byte c) {
        long pattern = (c & 0xFFL) * ONES;
        int i = from;
        for (; i <= to - Long.BYTES; i += Long.BYTES) {
            long found = zeroBytes((long) LONGS.get(b, i) ^ pattern);
            if (found != 0) {
                return i + (Long.numberOfTrailingZeros(found) >>> 3);
            }
        }
        if (i < to && i <= b.length - Long.BYTES) {
            return inTail(i, to, zeroBytes((long) LONGS.get(b, i) ^ pattern));
        }
        for (; i < to; i++) {
            if (b[i] == c) {
                return i;
            }
        }
        return -1;
    }

    /**
     * The match in the last, partial word of a range: the word was read whole (the array goes on past the range),
     * and flags at or beyond {@code to} are masked off. Dropping flags above a true one keeps the lowest exact.
     * Searches end in such a word on nearly every field of a log line, so this saves a byte loop per field.
     */
    private static int inTail(final int i, final int to, final long found) {
        long inRange = found & ((1L << ((to - i) << 3)) - 1);
        return inRange == 0 ? -1 : i + (Long.numberOfTrailingZeros(inRange) >>> 3);
    }

    /** The first index of either {@code c1} or {@code c2} in {@code b[from, to)}, or -1. */
    static int indexOfEither(final byte[] b, final int from, final int to, final byte c1, final byte c2) {
        long p1 = (c1 & 0xFFL) * ONES;
        long p2 = (c2 & 0xFFL) * ONES;
        int i = from;
        for (; i <= to - Long.BYTES; i += Long.BYTES) {
            long word = (long) LONGS.get(b, i);
            long found = zeroBytes(word ^ p1) | zeroBytes(word ^ p2);
            if (found != 0) {
                return i + (Long.numberOfTrailingZeros(found) >>> 3);
            }
        }
        if (i < to && i <= b.length - Long.BYTES) {
            long word = (long) LONGS.get(b, i);
            return inTail(i, to, zeroBytes(word ^ p1) | zeroBytes(word ^ p2));
        }
        for (; i < to; i++) {
            if (b[i] == c1 || b[i] == c2) {
                return i;
            }
        }
        return -1;
    }

    /**
     * The first index in {@code b[from, to)} of a byte that ends a plain JSON string or rules it out: a quote, a
     * backslash, a control character (below 0x20) or a byte that is not ASCII; -1 if none. One pass where a quote
     * search followed by a check of the bytes before it took two. Each of the three tests flags its lowest match
     * truly (a byte below 0x20 borrows in {@code word - 0x20..20} and sets its high bit, a non-ASCII byte has it
     * set already, and a borrow only starts at a byte below 0x20), so the lowest flag of their union is true too.
     */
    static int indexOfStringStop(final byte[] b, final int from, final int to) {
        int i = from;
        for (; i <= to - Long.BYTES; i += Long.BYTES) {
            long found = stringStops((long) LONGS.get(b, i));
            if (found != 0) {
                return i + (Long.numberOfTrailingZeros(found) >>> 3);
            }
        }
        if (i < to && i <= b.length - Long.BYTES) {
            return inTail(i, to, stringStops((long) LONGS.get(b, i)));
        }
        for (; i < to; i++) {
            byte c = b[i];
            if (c == '"' || c == '\\' || c < 0x20) {
                return i;
            }
        }
        return -1;
    }

    private static long stringStops(final long word) {
        return zeroBytes(word ^ QUOTES) | zeroBytes(word ^ BACKSLASHES) | (((word - SPACES) | word) & HIGHS);
    }

    /** The high bit of each zero byte of {@code x} set (plus, possibly, of bytes above the lowest zero byte). */
    private static long zeroBytes(final long x) {
        return (x - ONES) & ~x & HIGHS;
    }
}
