package dev.episodic.connect.common.event;

import java.util.Date;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.data.Timestamp;

/** The Connect form of {@link EpisodicEvent}: value schema {@value #VALUE_SCHEMA_NAME}, key = the stream. */
public final class EventSchemas {
    public static final String VALUE_SCHEMA_NAME = "dev.episodic.EpisodicEvent";
    /** Bumped when a field is added; fields are only ever added as optional so old readers keep working. */
    public static final int VALUE_SCHEMA_VERSION = 1;

    public static final Schema KEY_SCHEMA = Schema.STRING_SCHEMA;

    public static final Schema VALUE_SCHEMA = SchemaBuilder.struct()
            .name(VALUE_SCHEMA_NAME)
            .version(VALUE_SCHEMA_VERSION)
            .doc("One episodic event: an activity from a developer's world, sequenced per stream.")
            .field(EventFields.EVENT_ID, Schema.STRING_SCHEMA)
            .field(EventFields.SOURCE_TYPE, Schema.STRING_SCHEMA)
            .field(EventFields.SOURCE_ID, Schema.STRING_SCHEMA)
            .field(EventFields.STREAM, Schema.STRING_SCHEMA)
            .field(EventFields.SEQUENCE, Schema.INT64_SCHEMA)
            .field(EventFields.EVENT_TYPE, Schema.STRING_SCHEMA)
            .field(EventFields.OCCURRED_AT, Timestamp.SCHEMA)
            .field(EventFields.INGESTED_AT, Timestamp.SCHEMA)
            .field(EventFields.ACTOR, Schema.OPTIONAL_STRING_SCHEMA)
            .field(EventFields.SESSION_ID, Schema.OPTIONAL_STRING_SCHEMA)
            .field(EventFields.SUBJECT, Schema.OPTIONAL_STRING_SCHEMA)
            .field(EventFields.CONTENT, Schema.OPTIONAL_STRING_SCHEMA)
            .field(EventFields.ATTRIBUTES, SchemaBuilder.map(Schema.STRING_SCHEMA, Schema.STRING_SCHEMA).build())
            .field(EventFields.PAYLOAD, Schema.OPTIONAL_STRING_SCHEMA)
            .build();

    // Field handles resolved once: Struct.put(String, …) would look each one up by name per event (StructSlots
    // fills the same slots by their indices).
    static final Field EVENT_ID = VALUE_SCHEMA.field(EventFields.EVENT_ID);
    static final Field SOURCE_TYPE = VALUE_SCHEMA.field(EventFields.SOURCE_TYPE);
    static final Field SOURCE_ID = VALUE_SCHEMA.field(EventFields.SOURCE_ID);
    static final Field STREAM = VALUE_SCHEMA.field(EventFields.STREAM);
    static final Field SEQUENCE = VALUE_SCHEMA.field(EventFields.SEQUENCE);
    static final Field EVENT_TYPE = VALUE_SCHEMA.field(EventFields.EVENT_TYPE);
    static final Field OCCURRED_AT = VALUE_SCHEMA.field(EventFields.OCCURRED_AT);
    static final Field INGESTED_AT = VALUE_SCHEMA.field(EventFields.INGESTED_AT);
    static final Field ACTOR = VALUE_SCHEMA.field(EventFields.ACTOR);
    static final Field SESSION_ID = VALUE_SCHEMA.field(EventFields.SESSION_ID);
    static final Field SUBJECT = VALUE_SCHEMA.field(EventFields.SUBJECT);
    static final Field CONTENT = VALUE_SCHEMA.field(EventFields.CONTENT);
    static final Field ATTRIBUTES = VALUE_SCHEMA.field(EventFields.ATTRIBUTES);
    static final Field PAYLOAD = VALUE_SCHEMA.field(EventFields.PAYLOAD);

    private EventSchemas() {
    }

    /**
     * The value struct of an event. Filled directly where the Kafka version allows it (see {@link StructSlots}:
     * an event's values are valid by construction, so Connect's per-put validation is skipped), else with
     * validated puts; both give equal structs.
     */
    public static Struct toStruct(final EpisodicEvent e) {
        return toStruct(e, Date.from(e.occurredAt()), Date.from(e.ingestedAt()));
    }

    /** The value struct with the event's two times given as dates (which {@link EventRecords} may share). */
    static Struct toStruct(final EpisodicEvent e, final Date occurredAt, final Date ingestedAt) {
        return StructSlots.available() ? StructSlots.fill(e, occurredAt, ingestedAt) : validatedStruct(e);
    }

    /** The value struct built with Connect's validated puts (the reference {@link StructSlots} is checked against). */
    static Struct validatedStruct(final EpisodicEvent e) {
        Struct struct = new Struct(VALUE_SCHEMA)
                .put(EVENT_ID, e.eventId())
                .put(SOURCE_TYPE, e.sourceType().wireName())
                .put(SOURCE_ID, e.sourceId())
                .put(STREAM, e.stream())
                .put(SEQUENCE, e.sequence())
                .put(EVENT_TYPE, e.eventType())
                .put(OCCURRED_AT, Date.from(e.occurredAt()))
                .put(INGESTED_AT, Date.from(e.ingestedAt()))
                .put(ATTRIBUTES, e.attributes());
        // An unset optional field is already null: skipping its put skips a validation (and the string Connect
        // builds for each one), which matters on the per-event path.
        putIfPresent(struct, ACTOR, e.actor());
        putIfPresent(struct, SESSION_ID, e.sessionId());
        putIfPresent(struct, SUBJECT, e.subject());
        putIfPresent(struct, CONTENT, e.content());
        putIfPresent(struct, PAYLOAD, e.payload());
        return struct;
    }

    private static void putIfPresent(final Struct struct, final Field field, final String value) {
        if (value != null) {
            struct.put(field, value);
        }
    }

    public static EpisodicEvent fromStruct(final Struct s) {
        EpisodicEvent.Builder b = EpisodicEvent.builder()
                .eventId(s.getString(EventFields.EVENT_ID))
                .sourceType(SourceType.fromWireName(s.getString(EventFields.SOURCE_TYPE)))
                .sourceId(s.getString(EventFields.SOURCE_ID))
                .stream(s.getString(EventFields.STREAM))
                .sequence(s.getInt64(EventFields.SEQUENCE))
                .eventType(s.getString(EventFields.EVENT_TYPE))
                .occurredAt(((Date) s.get(EventFields.OCCURRED_AT)).toInstant())
                .ingestedAt(((Date) s.get(EventFields.INGESTED_AT)).toInstant())
                .actor(s.getString(EventFields.ACTOR))
                .sessionId(s.getString(EventFields.SESSION_ID))
                .subject(s.getString(EventFields.SUBJECT))
                .content(s.getString(EventFields.CONTENT))
                .payload(s.getString(EventFields.PAYLOAD));
        b.attributes(s.<String, String>getMap(EventFields.ATTRIBUTES));
        return b.build();
    }
}
