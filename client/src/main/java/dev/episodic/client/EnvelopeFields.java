package dev.episodic.client;

/**
 * The envelope's field and header names as they appear on the wire (DESIGN.md, "The event envelope"). Kept here
 * rather than taken from episodic-common so the client depends on Kafka's client and Jackson only.
 */
final class EnvelopeFields {
    static final String HEADER_STREAM = "episodic.stream";
    static final String HEADER_SEQUENCE = "episodic.sequence";
    static final String HEADER_EVENT_ID = "episodic.event_id";

    static final String EVENT_ID = "event_id";
    static final String STREAM = "stream";
    static final String SEQUENCE = "sequence";
    static final String EVENT_TYPE = "event_type";
    static final String OCCURRED_AT = "occurred_at";

    /** JsonConverter with schemas.enable=true wraps the value as {"schema":…,"payload":…}. */
    static final String SCHEMA = "schema";
    static final String PAYLOAD = "payload";

    private EnvelopeFields() {
    }
}
