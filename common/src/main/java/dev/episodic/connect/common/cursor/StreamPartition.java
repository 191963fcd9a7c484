package dev.episodic.connect.common.cursor;

import java.util.Map;
import java.util.Optional;

/**
 * Every connector of the suite uses the same source-partition shape: {@code {"stream": "<stream name>"}}.
 * Keeping it to the stream name alone means a cursor follows the stream, not a path or URL that may move,
 * and lets standalone cursor stores and the REST offsets API address a stream by its name.
 */
public final class StreamPartition {
    public static final String STREAM_KEY = "stream";

    private StreamPartition() {
    }

    public static Map<String, String> of(final String stream) {
        return Map.of(STREAM_KEY, stream);
    }

    public static Optional<String> streamOf(final Map<String, ?> partition) {
        if (partition == null) {
            return Optional.empty();
        }
        Object value = partition.get(STREAM_KEY);
        return value instanceof String && !((String) value).isEmpty() ? Optional.of((String) value) : Optional.empty();
    }
}
