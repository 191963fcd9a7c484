package dev.episodic.connect.common.cursor;

import java.util.Map;

/**
 * A typed cursor: where one stream stands. It is stored as the Connect source offset of the stream's
 * partition, so it commits atomically with the records it covers when exactly-once is on.
 */
public interface StreamCursor {
    /** Sequence of the last event of this stream handed to Connect; 0 before the first one. */
    long seq();

    /** The offset map: String keys, primitive values only, always with {@code v} and {@code seq}. */
    Map<String, Object> toOffset();
}
