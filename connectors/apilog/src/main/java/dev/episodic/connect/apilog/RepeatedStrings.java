package dev.episodic.connect.apilog;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The strings of fields whose values repeat from line to line (user, referer, user agent; in JSON also method and
 * status): equal bytes get the string made the last time instead of a new one. Logs repeat these values far more
 * often than not, and every string not made is memory the task does not have to allocate, fill and collect.
 * Fields that are nearly always new (addresses, paths, sizes, times, ids) do not use it: measured on one thread
 * (bench/run.sh's files), a lookup that misses costs more than the string it would have saved.
 *
 * <p>Slots are chosen by a cheap hash of the length and three eight-byte words; a hit is confirmed by comparing
 * the bytes, so a collision only costs a miss. A value is kept only when its slot saw the same hash on the
 * line before it or held it already: a value seen once (a unique request id, say) costs one int store, never a
 * copy. Decoding is {@code new String(bytes, UTF_8)}, so a cached string is exactly what a fresh one would be.
 * One instance per parser, used by one thread.
 */
final class RepeatedStrings {
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final int SLOTS = 1024;
    /** Longer values are decoded each time: they seldom repeat, and comparing them costs about as much. */
    private static final int MAX_BYTES = 512;

    private final byte[][] keys = new byte[SLOTS][];
    private final String[] values = new String[SLOTS];
    /** The hash last missed in each slot: a value is admitted on its second sighting. */
    private final int[] lastMiss = new int[SLOTS];

    String get(final byte[] b, final int from, final int to) {
        int length = to - from;
        if (length == 0 || length > MAX_BYTES) {
            return new String(b, from, length, StandardCharsets.UTF_8);
        }
        int hash = hash(b, from, to);
        int slot = hash & (SLOTS - 1);
        byte[] key = keys[slot];
        if (key != null && key.length == length && Arrays.equals(key, 0, length, b, from, to)) {
            return values[slot];
        }
        String value = new String(b, from, length, StandardCharsets.UTF_8);
        if (lastMiss[slot] == hash) {
            keys[slot] = Arrays.copyOfRange(b, from, to);
            values[slot] = value;
        }
        lastMiss[slot] = hash;
        return value;
    }

    /** The first, middle and last eight-byte words (or the bytes of a shorter value) and the length, mixed. */
    private static int hash(final byte[] b, final int from, final int to) {
        if (to - from < Long.BYTES) {
            long h = to - from;
            for (int i = from; i < to; i++) {
                h = (h << 8) | (b[i] & 0xFF);
            }
            h *= 0x9E3779B97F4A7C15L;
            return (int) (h ^ (h >>> 32));
        }
        long first = (long) LONGS.get(b, from);
        long middle = (long) LONGS.get(b, from + ((to - from - Long.BYTES) >>> 1));
        long last = (long) LONGS.get(b, to - Long.BYTES);
        long h = (first * 0x9E3779B97F4A7C15L) ^ (middle * 0xC2B2AE3D27D4EB4FL) ^ (last + (to - from));
        h *= 0x165667B19E3779F9L;
        return (int) (h ^ (h >>> 32));
    }
}
