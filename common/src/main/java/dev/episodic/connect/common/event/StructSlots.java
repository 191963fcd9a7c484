package dev.episodic.connect.common.event;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.time.Instant;
import java.util.Date;
import org.apache.kafka.connect.data.Struct;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fills the value {@link Struct} of an event without Connect's per-put validation, which is redundant for an
 * {@link EpisodicEvent} and was most of the per-record cost on every task's polling thread.
 *
 * <p>Why the validation is redundant: {@code Struct.put} checks each value's Java type against its field schema
 * (and walks every key and value of a map field, building a {@code field: "name"} string per check). Here every
 * value's type is fixed by {@link EpisodicEvent}'s own typed fields: required fields are non-null strings (the
 * builder refuses a missing one), the sequence is a {@code long}, the two times become {@link Date}s (the
 * {@code Timestamp} logical type), and the attributes hold non-null String keys and values (the builder skips
 * null values). Nothing a put could reject can reach this class.
 *
 * <p>How: through a {@link VarHandle} on {@code Struct}'s private value array. Connect's API is on the worker's
 * class path (an unnamed module), so the field is reachable. That is an implementation detail of the Kafka
 * version the worker runs, so at class load a probe event is built both ways and compared: only when the direct
 * struct equals the validated one (and passes {@link Struct#validate()}) is the direct way used. On any other
 * Kafka version the validated puts are used, with one INFO line saying so: slower, never different.
 */
final class StructSlots {
    private static final Logger LOG = LoggerFactory.getLogger(StructSlots.class);
    private static final VarHandle VALUES;

    private static final int EVENT_ID = EventSchemas.EVENT_ID.index();
    private static final int SOURCE_TYPE = EventSchemas.SOURCE_TYPE.index();
    private static final int SOURCE_ID = EventSchemas.SOURCE_ID.index();
    private static final int STREAM = EventSchemas.STREAM.index();
    private static final int SEQUENCE = EventSchemas.SEQUENCE.index();
    private static final int EVENT_TYPE = EventSchemas.EVENT_TYPE.index();
    private static final int OCCURRED_AT = EventSchemas.OCCURRED_AT.index();
    private static final int INGESTED_AT = EventSchemas.INGESTED_AT.index();
    private static final int ACTOR = EventSchemas.ACTOR.index();
    private static final int SESSION_ID = EventSchemas.SESSION_ID.index();
    private static final int SUBJECT = EventSchemas.SUBJECT.index();
    private static final int CONTENT = EventSchemas.CONTENT.index();
    private static final int ATTRIBUTES = EventSchemas.ATTRIBUTES.index();
    private static final int PAYLOAD = EventSchemas.PAYLOAD.index();

    static {
        VALUES = probe();
    }

    private StructSlots() {
    }

    /** True when structs are filled directly on this Kafka version (else {@link #fill} is never called). */
    static boolean available() {
        return VALUES != null;
    }

    /**
     * The value struct of {@code e}, its slots written directly, with its two times given as {@link Date}s; only
     * when {@link #available()}.
     */
    static Struct fill(final EpisodicEvent e, final Date occurredAt, final Date ingestedAt) {
        return fill(VALUES, e, occurredAt, ingestedAt);
    }

    // The handle is a parameter so the probe can use it before VALUES is assigned; the JIT folds the constant.
    private static Struct fill(final VarHandle values, final EpisodicEvent e, final Date occurredAt,
                               final Date ingestedAt) {
        Struct s = new Struct(EventSchemas.VALUE_SCHEMA);
        Object[] v = (Object[]) values.get(s);
        v[EVENT_ID] = e.eventId();
        v[SOURCE_TYPE] = e.sourceType().wireName();
        v[SOURCE_ID] = e.sourceId();
        v[STREAM] = e.stream();
        v[SEQUENCE] = e.sequence();
        v[EVENT_TYPE] = e.eventType();
        v[OCCURRED_AT] = occurredAt;
        v[INGESTED_AT] = ingestedAt;
        v[ACTOR] = e.actor();
        v[SESSION_ID] = e.sessionId();
        v[SUBJECT] = e.subject();
        v[CONTENT] = e.content();
        v[ATTRIBUTES] = e.attributes();
        v[PAYLOAD] = e.payload();
        return s;
    }

    /** The handle when direct filling gives exactly the validated struct on this Kafka version, else null. */
    private static VarHandle probe() {
        try {
            VarHandle handle = MethodHandles.privateLookupIn(Struct.class, MethodHandles.lookup())
                    .findVarHandle(Struct.class, "values", Object[].class);
            Object[] slots = (Object[]) handle.get(new Struct(EventSchemas.VALUE_SCHEMA));
            if (slots.length != EventSchemas.VALUE_SCHEMA.fields().size()) {
                return unavailable("Struct.values does not have one slot per field");
            }
            EpisodicEvent sample = EpisodicEvent.builder().eventId("probe:1").sourceType(SourceType.API_LOG)
                    .sourceId("probe").stream("probe").sequence(1).eventType("probe")
                    .occurredAt(Instant.ofEpochMilli(1)).ingestedAt(Instant.ofEpochMilli(2)).actor("a")
                    .sessionId("s").subject("j").content("c").attribute("k", "v").payload("{}").build();
            Struct validated = EventSchemas.validatedStruct(sample);
            Struct direct = fill(handle, sample, Date.from(sample.occurredAt()), Date.from(sample.ingestedAt()));
            direct.validate();
            // Struct.equals compares every slot, so equal structs read back the same through any getter.
            if (!direct.equals(validated) || !validated.equals(direct)) {
                return unavailable("a directly filled struct differs from a validated one");
            }
            return handle;
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            return unavailable(e.toString());
        }
    }

    private static VarHandle unavailable(final String why) {
        LOG.info("Event structs are built with Connect's validated puts on this Kafka version ({}); records are "
                + "the same, only slower to build", why);
        return null;
    }
}
