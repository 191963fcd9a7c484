package dev.episodic.connect.common.cursor;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Builds an offset map that holds only String keys and primitive values, with {@code v} and {@code seq} first.
 * Single use: {@link #build()} hands over the map it filled (no copy: offsets are built once per event).
 */
public final class OffsetMap {
    private final Map<String, Object> values = new LinkedHashMap<>();

    private OffsetMap(final int version, final long seq) {
        values.put(OffsetFields.VERSION, version);
        values.put(OffsetFields.SEQ, seq);
    }

    public static OffsetMap of(final int version, final long seq) {
        return new OffsetMap(version, seq);
    }

    public OffsetMap put(final String key, final String value) {
        if (value != null) {
            values.put(key, value);
        }
        return this;
    }

    public OffsetMap put(final String key, final long value) {
        values.put(key, value);
        return this;
    }

    public OffsetMap put(final String key, final boolean value) {
        values.put(key, value);
        return this;
    }

    public Map<String, Object> build() {
        return values;
    }
}
