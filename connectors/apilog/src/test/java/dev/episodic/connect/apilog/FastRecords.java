package dev.episodic.connect.apilog;

import dev.episodic.connect.common.event.EpisodicEvent;
import dev.episodic.connect.common.event.EventFields;
import dev.episodic.connect.common.event.EventHeaders;
import dev.episodic.connect.common.event.EventRecords;
import dev.episodic.connect.common.event.EventSchemas;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Date;
import java.util.Map;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.header.ConnectHeaders;
import org.apache.kafka.connect.header.Header;
import org.apache.kafka.connect.source.SourceRecord;

/**
 * A measuring instrument, not shipped code: a twin of common's {@link EventRecords#toSourceRecord} that builds the
 * same record (equal topic, partition, offset, key, value {@link Struct}, timestamp and headers) while skipping
 * Connect's per-field validation, so the benchmark can show how much of the task's time that validation takes. It
 * stays in test scope because it writes {@code Struct}'s private value array: too brittle to ship against a
 * runtime Kafka version we do not control.
 *
 * <p>Where the time goes in the common path, per event: {@code Struct.put} validates every value against its
 * schema (14 fields plus every key and value of the attributes map, each validation building a
 * {@code "field: \"name\""} string first), and {@code ConnectHeaders.addString} validates each header. Here:
 * <ul>
 *   <li>the Struct's value slots are filled directly. Every value is valid by construction: {@link EpisodicEvent}
 *   rejects a missing required field, its attributes hold String keys and non-null String values, and the two
 *   times are {@link Date}s. The slots are reached through a {@link VarHandle} on {@code Struct.values}
 *   (Connect's API is on the class path, an unnamed module, so the private field is accessible); if a Kafka
 *   version ever renames the field, {@link #FAST_STRUCT} is false and the validated {@code put}s are used;</li>
 *   <li>the {@code episodic.stream} header object is built once per stream and shared by its records (Connect
 *   headers are immutable; a transform that changes headers replaces them in the record's own list).</li>
 * </ul>
 * One instance per thread (it caches the last stream's header).
 */
final class FastRecords {
    /** Whether the Struct's slots can be filled directly (else validated puts, same result). */
    static final boolean FAST_STRUCT;
    private static final VarHandle STRUCT_VALUES;

    private static final int EVENT_ID = index(EventFields.EVENT_ID);
    private static final int SOURCE_TYPE = index(EventFields.SOURCE_TYPE);
    private static final int SOURCE_ID = index(EventFields.SOURCE_ID);
    private static final int STREAM = index(EventFields.STREAM);
    private static final int SEQUENCE = index(EventFields.SEQUENCE);
    private static final int EVENT_TYPE = index(EventFields.EVENT_TYPE);
    private static final int OCCURRED_AT = index(EventFields.OCCURRED_AT);
    private static final int INGESTED_AT = index(EventFields.INGESTED_AT);
    private static final int ACTOR = index(EventFields.ACTOR);
    private static final int SESSION_ID = index(EventFields.SESSION_ID);
    private static final int SUBJECT = index(EventFields.SUBJECT);
    private static final int CONTENT = index(EventFields.CONTENT);
    private static final int ATTRIBUTES = index(EventFields.ATTRIBUTES);
    private static final int PAYLOAD = index(EventFields.PAYLOAD);
    private static final int FIELDS = EventSchemas.VALUE_SCHEMA.fields().size();

    static {
        VarHandle handle;
        try {
            handle = MethodHandles.privateLookupIn(Struct.class, MethodHandles.lookup())
                    .findVarHandle(Struct.class, "values", Object[].class);
            Object[] probe = (Object[]) handle.get(new Struct(EventSchemas.VALUE_SCHEMA));
            if (probe.length != FIELDS) {
                handle = null;
            }
        } catch (ReflectiveOperationException | RuntimeException e) {
            handle = null;
        }
        STRUCT_VALUES = handle;
        FAST_STRUCT = handle != null;
    }

    private final String topic;
    private final boolean fastStruct;
    private String lastStream;
    private Header lastStreamHeader;

    FastRecords(final String topic) {
        this(topic, FAST_STRUCT);
    }

    /** {@code fastStruct} false forces the validated puts (to test that path). */
    FastRecords(final String topic, final boolean fastStruct) {
        this.topic = topic;
        this.fastStruct = fastStruct && FAST_STRUCT;
    }

    private static int index(final String field) {
        return EventSchemas.VALUE_SCHEMA.field(field).index();
    }

    SourceRecord toSourceRecord(final Map<String, ?> sourcePartition, final Map<String, ?> sourceOffset,
                                final EpisodicEvent event) {
        ConnectHeaders headers = new ConnectHeaders();
        headers.add(streamHeader(event.stream()));
        headers.addString(EventHeaders.SEQUENCE, Long.toString(event.sequence()));
        headers.addString(EventHeaders.EVENT_ID, event.eventId());
        return new SourceRecord(sourcePartition, sourceOffset, topic, null,
                EventSchemas.KEY_SCHEMA, event.stream(),
                EventSchemas.VALUE_SCHEMA, fastStruct ? struct(event) : EventSchemas.toStruct(event),
                event.occurredAt().toEpochMilli(), headers);
    }

    private Header streamHeader(final String stream) {
        if (!stream.equals(lastStream)) {
            lastStreamHeader = new ConnectHeaders().addString(EventHeaders.STREAM, stream).lastWithName(
                    EventHeaders.STREAM);
            lastStream = stream;
        }
        return lastStreamHeader;
    }

    private static Struct struct(final EpisodicEvent e) {
        Struct s = new Struct(EventSchemas.VALUE_SCHEMA);
        Object[] v = (Object[]) STRUCT_VALUES.get(s);
        v[EVENT_ID] = e.eventId();
        v[SOURCE_TYPE] = e.sourceType().wireName();
        v[SOURCE_ID] = e.sourceId();
        v[STREAM] = e.stream();
        v[SEQUENCE] = e.sequence();
        v[EVENT_TYPE] = e.eventType();
        v[OCCURRED_AT] = Date.from(e.occurredAt());
        v[INGESTED_AT] = Date.from(e.ingestedAt());
        v[ACTOR] = e.actor();
        v[SESSION_ID] = e.sessionId();
        v[SUBJECT] = e.subject();
        v[CONTENT] = e.content();
        v[ATTRIBUTES] = e.attributes();
        v[PAYLOAD] = e.payload();
        return s;
    }
}
