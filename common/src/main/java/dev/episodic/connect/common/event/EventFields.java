package dev.episodic.connect.common.event;

/** Field names of the envelope, shared by the Connect schema and the JSON form so they can never drift. */
public final class EventFields {
    public static final String EVENT_ID = "event_id";
    public static final String SOURCE_TYPE = "source_type";
    public static final String SOURCE_ID = "source_id";
    public static final String STREAM = "stream";
    public static final String SEQUENCE = "sequence";
    public static final String EVENT_TYPE = "event_type";
    public static final String OCCURRED_AT = "occurred_at";
    public static final String INGESTED_AT = "ingested_at";
    public static final String ACTOR = "actor";
    public static final String SESSION_ID = "session_id";
    public static final String SUBJECT = "subject";
    public static final String CONTENT = "content";
    public static final String ATTRIBUTES = "attributes";
    public static final String PAYLOAD = "payload";

    private EventFields() {
    }
}
