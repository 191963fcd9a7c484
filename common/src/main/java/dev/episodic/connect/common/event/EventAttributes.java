package dev.episodic.connect.common.event;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Set;

/**
 * An event's attributes: an immutable map of strings in insertion order, held as one array of entries.
 *
 * <p>Why not an unmodifiable {@code LinkedHashMap}: attributes are built once per event on the hot path of every
 * connector and then walked entry by entry twice (Connect validates every key and value of a map field when the
 * value {@code Struct} is built, and converters walk it again). A hash table costs a node, a table and a wrapper
 * per event to build and a wrapper entry per step to walk; an array of entries costs neither. Lookups scan the
 * array, which for the handful to few dozen attributes an event carries is as fast as hashing.
 */
final class EventAttributes extends AbstractMap<String, String> {
    static final EventAttributes EMPTY = new EventAttributes(new Attribute[0], 0);

    private final Attribute[] entries;
    private final int size;

    private EventAttributes(final Attribute[] entries, final int size) {
        this.entries = entries;
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
        int i = indexOf(entries, size, key);
        return i < 0 ? null : entries[i].value;
    }

    @Override
    public boolean containsKey(final Object key) {
        return indexOf(entries, size, key) >= 0;
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
                        return next < size;
                    }

                    @Override
                    public Map.Entry<String, String> next() {
                        if (next >= size) {
                            throw new NoSuchElementException();
                        }
                        return entries[next++];
                    }
                };
            }

            @Override
            public int size() {
                return size;
            }
        };
    }

    private static int indexOf(final Attribute[] entries, final int size, final Object key) {
        for (int i = 0; i < size; i++) {
            if (entries[i].key.equals(key)) {
                return i;
            }
        }
        return -1;
    }

    /** Collects attributes for one event: a later value for a key replaces the earlier one in its place. */
    static final class Collector {
        private Attribute[] entries = new Attribute[8];
        private int size;
        /** One bit per key put, chosen by its hash: a key whose bit is clear is certainly new (nearly every key). */
        private long seen;

        void put(final String key, final String value) {
            Objects.requireNonNull(key, "attribute key");
            int hash = key.hashCode();
            long bit = 1L << (hash & 63);
            if ((seen & bit) != 0) {
                // Possibly a repeat: identity decides for the usual constant keys, cached hashes rule out others.
                for (int i = 0; i < size; i++) {
                    String known = entries[i].key;
                    if (known == key || known.hashCode() == hash && known.equals(key)) {
                        entries[i] = new Attribute(key, value);
                        return;
                    }
                }
            }
            seen |= bit;
            if (size == entries.length) {
                entries = Arrays.copyOf(entries, size * 2);
            }
            entries[size++] = new Attribute(key, value);
        }

        /** The attributes collected; the collector must not be used afterwards (its array is handed over). */
        EventAttributes build() {
            return size == 0 ? EMPTY : new EventAttributes(entries, size);
        }
    }

    /** One key and value; equal to any map entry with the same key and value, as {@link Map.Entry} requires. */
    private static final class Attribute implements Map.Entry<String, String> {
        private final String key;
        private final String value;

        Attribute(final String key, final String value) {
            this.key = key;
            this.value = value;
        }

        @Override
        public String getKey() {
            return key;
        }

        @Override
        public String getValue() {
            return value;
        }

        @Override
        public String setValue(final String v) {
            throw new UnsupportedOperationException("an event's attributes are immutable");
        }

        @Override
        public boolean equals(final Object o) {
            return o instanceof Map.Entry<?, ?> e && key.equals(e.getKey()) && value.equals(e.getValue());
        }

        @Override
        public int hashCode() {
            return key.hashCode() ^ value.hashCode();
        }

        @Override
        public String toString() {
            return key + "=" + value;
        }
    }
}
