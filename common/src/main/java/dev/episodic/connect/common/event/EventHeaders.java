package dev.episodic.connect.common.event;

/**
 * Record headers that repeat an event's coordinate, so consumers can deduplicate and detect gaps without
 * decoding the value. Values are written as plain UTF-8 strings (the sequence in decimal).
 */
public final class EventHeaders {
    public static final String STREAM = "episodic.stream";
    public static final String SEQUENCE = "episodic.sequence";
    public static final String EVENT_ID = "episodic.event_id";

    private EventHeaders() {
    }
}
