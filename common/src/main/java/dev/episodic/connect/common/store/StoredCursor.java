package dev.episodic.connect.common.store;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * One row of the standalone cursor store: a stream's partition and offset, or, for a row that cannot be read,
 * the reason (then partition and offset are empty).
 */
public record StoredCursor(String key, String sourceId, Map<String, Object> partition, Map<String, Object> offset,
                          Instant updatedAt, String error) {

    public boolean corrupt() {
        return error != null;
    }

    /** The stream the row belongs to, when it could be read. */
    public Optional<String> stream() {
        Object stream = partition == null ? null : partition.get("stream");
        return stream instanceof String ? Optional.of((String) stream) : Optional.empty();
    }
}
