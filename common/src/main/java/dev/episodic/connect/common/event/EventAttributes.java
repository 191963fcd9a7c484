package dev.episodic.connect.common.event;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * An event's attributes: an immutable map of strings in insertion order, held as one flat array of keys and values
 * ({@code k0, v0, k1, v1, ...}).
 *
 * <p>Why not an unmodifiable {@code LinkedHashMap}: attributes are built once per event on the hot path of every
 * connector and then walked once or twice (by Connect's validation where it applies, and by the converter). A hash
 * table costs a node per entry, a table and a wrapper per event; here an event holds one array. Why not entry
 * objects: an event waits in its batch and the producer's queue until it is converted, and an entry per attribute
 * was the largest part of what it held; the entries a walk needs are made as it goes and die young. Lookups scan
 * the keys, which for the handful to few dozen attributes an event carries is as fast as hashing.
 */
final class EventAttributes extends AbstractMap<String, String> {
    static final EventAttributes EMPTY = new EventAttributes(new String[0], 0);

    /** Keys at even indices, each followed by its value. */
    private final String[] pairs;
    private final int size;

    private EventAttributes(final String[] pairs, final int size) {
        this.pairs = pairs;
        this.size = size;
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public boolean isEmpty() {
        return size == 0;
    }

    @Override
    public String get(final Object key) {
        int i = indexOf(pairs, size, key);
        return i < 0 ? null : pairs[i + 1];
    }

    @Override
    public boolean containsKey(final Object key) {
        return indexOf(pairs, size, key) >= 0;
    }

    @Override
    public void forEach(final BiConsumer<? super String, ? super String> action) {
        for (int i = 0; i < 2 * size; i += 2) {
            action.accept(pairs[i], pairs[i + 1]);
        }
    }

    @Override
    public Set<Map.Entry<String, String>> entrySet() {
        return new AbstractSet<>() {
            @Override
            public Iterator<Map.Entry<String, String>> iterator() {
                return new Iterator<>() {
                    private int next;

                    @Override
                    public boolean hasNext() {
                        return next < 2 * size;
                    }

                    @Override
                    public Map.Entry<String, String> next() {
                        if (next >= 2 * size) {
                            throw new NoSuchElementException();
                        }
                        Map.Entry<String, String> e = new SimpleImmutableEntry<>(pairs[next], pairs[next + 1]);
                        next += 2;
                        return e;
                    }
                };
            }

            @Override
            public int size() {
                return size;
            }
        };
    }

    /** The index of the key in {@code pairs}, -1 when absent. */
    private static int indexOf(final String[] pairs, final int size, final Object key) {
        for (int i = 0; i < 2 * size; i += 2) {
            if (pairs[i].equals(key)) {
                return i;
            }
        }
        return -1;
    }

    /** Collects attributes for one event: a later value for a key replaces the earlier one in its place. */
    static final class Collector {
        private String[] pairs = new String[16];
        private int size;
        /** One bit per key put, chosen by its hash: a key whose bit is clear is certainly new (nearly every key). */
        private long seen;

        void put(final String key, final String value) {
            Objects.requireNonNull(key, "attribute key");
            int hash = key.hashCode();
            long bit = 1L << (hash & 63);
            if ((seen & bit) != 0) {
                // Possibly a repeat: identity decides for the usual constant keys, cached hashes rule out others.
                for (int i = 0; i < 2 * size; i += 2) {
                    String known = pairs[i];
                    if (known == key || known.hashCode() == hash && known.equals(key)) {
                        pairs[i + 1] = value;
                        return;
                    }
                }
            }
            seen |= bit;
            if (2 * size == pairs.length) {
                pairs = Arrays.copyOf(pairs, pairs.length * 2);
            }
            pairs[2 * size] = key;
            pairs[2 * size + 1] = value;
            size++;
        }

        /** The attributes collected; the collector must not be used afterwards (its array is handed over). */
        EventAttributes build() {
            return size == 0 ? EMPTY : new EventAttributes(pairs, size);
        }
    }
}
