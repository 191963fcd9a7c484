package dev.episodic.client;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The last record the reader saw of each recently read stream: "sequence S sits at offset O". Any later read
 * of that stream uses it to narrow the bisection (records before O hold sequences up to S, records from O on
 * hold S and more), so a caller paging forward or following a stream seeks in one step. Bounded (LRU).
 */
final class ResumeHints {
    /** A record of the stream with this sequence is at this offset of the stream's partition. */
    record Hint(int partition, long sequence, long offset) {
    }

    private static final int CAPACITY = 4096;

    private final Map<String, Hint> hints = new LinkedHashMap<>(64, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(final Map.Entry<String, Hint> eldest) {
            return size() > CAPACITY;
        }
    };

    Hint get(final String stream) {
        return hints.get(stream);
    }

    void put(final String stream, final Hint hint) {
        hints.put(stream, hint);
    }
}
