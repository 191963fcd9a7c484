package dev.episodic.connect.common.event;

import java.util.Date;
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

    private EventSchemas() {
    }

    public static Struct toStruct(final EpisodicEvent e) {
        return new Struct(VALUE_SCHEMA)
                .put(EventFields.EVENT_ID, e.eventId())
                .put(EventFields.SOURCE_TYPE, e.sourceType().wireName())
                .put(EventFields.SOURCE_ID, e.sourceId())
                .put(EventFields.STREAM, e.stream())
                .put(EventFields.SEQUENCE, e.sequence())
                .put(EventFields.EVENT_TYPE, e.eventType())
                .put(EventFields.OCCURRED_AT, Date.from(e.occurredAt()))
                .put(EventFields.INGESTED_AT, Date.from(e.ingestedAt()))
                .put(EventFields.ACTOR, e.actor())
                .put(EventFields.SESSION_ID, e.sessionId())
                .put(EventFields.SUBJECT, e.subject())
                .put(EventFields.CONTENT, e.content())
                .put(EventFields.ATTRIBUTES, e.attributes())
                .put(EventFields.PAYLOAD, e.payload());
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
