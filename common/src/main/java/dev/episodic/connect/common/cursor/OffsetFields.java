package dev.episodic.connect.common.cursor;

import java.util.Map;
import java.util.Optional;

/**
 * Typed, strict access to one stored offset map. Numbers are read as {@link Number} because the offset
 * store may hand back an Integer where a Long was written (JSON round trip).
 */
public final class OffsetFields {
    public static final String VERSION = "v";
    public static final String SEQ = "seq";

    private final String cursorName;
    private final Map<String, ?> raw;

    public OffsetFields(final String cursorName, final Map<String, ?> raw) {
        this.cursorName = cursorName;
        this.raw = raw;
    }

    public Map<String, ?> raw() {
        return raw;
    }

    public int version() {
        return (int) requiredLong(VERSION);
    }

    public long seq() {
        long seq = requiredLong(SEQ);
        if (seq < 0) {
            throw invalid(SEQ, "must be >= 0 but is " + seq);
        }
        return seq;
    }

    public boolean has(final String key) {
        return raw.get(key) != null;
    }

    public String requiredString(final String key) {
        Object value = raw.get(key);
        if (!(value instanceof String)) {
            throw invalid(key, value == null ? "is missing" : "must be a string but is " + typeOf(value));
        }
        return (String) value;
    }

    public Optional<String> optionalString(final String key) {
        return has(key) ? Optional.of(requiredString(key)) : Optional.empty();
    }

    public long requiredLong(final String key) {
        Object value = raw.get(key);
        if (!(value instanceof Number)) {
            throw invalid(key, value == null ? "is missing" : "must be a number but is " + typeOf(value));
        }
        return ((Number) value).longValue();
    }

    public Optional<Long> optionalLong(final String key) {
        return has(key) ? Optional.of(requiredLong(key)) : Optional.empty();
    }

    public boolean requiredBoolean(final String key) {
        Object value = raw.get(key);
        if (!(value instanceof Boolean)) {
            throw invalid(key, value == null ? "is missing" : "must be true or false but is " + typeOf(value));
        }
        return (Boolean) value;
    }

    public CursorFormatException invalid(final String key, final String problem) {
        return new CursorFormatException(cursorName + " offset field '" + key + "' " + problem + " (offset: " + raw + ")");
    }

    private static String typeOf(final Object value) {
        return value.getClass().getSimpleName() + " " + value;
    }
}
