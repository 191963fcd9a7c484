package dev.episodic.connect.common.event;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.time.Instant;
import java.util.Iterator;
import java.util.Map;

/**
 * The JSON form of an event for places without Connect (standalone runs, the reader). It reads exactly like
 * the output of Connect's {@code JsonConverter} with {@code schemas.enable=false} for {@link EventSchemas}:
 * the same field names in the same order, timestamps as epoch milliseconds, absent optionals as {@code null}.
 */
public final class EventJson {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private EventJson() {
    }

    public static String toJson(final EpisodicEvent event) {
        try {
            return MAPPER.writeValueAsString(toNode(event));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot serialise " + event, e);
        }
    }

    /** Writes one event as a single line (no trailing newline) without building an intermediate string. */
    public static void write(final EpisodicEvent event, final Writer out) throws IOException {
        try (JsonGenerator g = MAPPER.getFactory().createGenerator(out)) {
            g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
            MAPPER.writeTree(g, toNode(event));
        }
    }

    public static ObjectNode toNode(final EpisodicEvent e) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put(EventFields.EVENT_ID, e.eventId());
        n.put(EventFields.SOURCE_TYPE, e.sourceType().wireName());
        n.put(EventFields.SOURCE_ID, e.sourceId());
        n.put(EventFields.STREAM, e.stream());
        n.put(EventFields.SEQUENCE, e.sequence());
        n.put(EventFields.EVENT_TYPE, e.eventType());
        n.put(EventFields.OCCURRED_AT, e.occurredAt().toEpochMilli());
        n.put(EventFields.INGESTED_AT, e.ingestedAt().toEpochMilli());
        n.put(EventFields.ACTOR, e.actor());
        n.put(EventFields.SESSION_ID, e.sessionId());
        n.put(EventFields.SUBJECT, e.subject());
        n.put(EventFields.CONTENT, e.content());
        ObjectNode attributes = n.putObject(EventFields.ATTRIBUTES);
        e.attributes().forEach(attributes::put);
        n.put(EventFields.PAYLOAD, e.payload());
        return n;
    }

    public static EpisodicEvent fromJson(final String json) {
        try {
            return fromNode(MAPPER.readTree(json));
        } catch (IOException e) {
            throw new IllegalArgumentException("Not an episodic event JSON document: " + e.getMessage(), e);
        }
    }

    public static EpisodicEvent fromJson(final byte[] json) {
        try {
            return fromNode(MAPPER.readTree(json));
        } catch (IOException e) {
            throw new IllegalArgumentException("Not an episodic event JSON document: " + e.getMessage(), e);
        }
    }

    public static EpisodicEvent fromNode(final JsonNode n) {
        if (n == null || !n.isObject()) {
            throw new IllegalArgumentException("An episodic event must be a JSON object");
        }
        EpisodicEvent.Builder b = EpisodicEvent.builder()
                .eventId(text(n, EventFields.EVENT_ID))
                .sourceType(SourceType.fromWireName(text(n, EventFields.SOURCE_TYPE)))
                .sourceId(text(n, EventFields.SOURCE_ID))
                .stream(text(n, EventFields.STREAM))
                .sequence(n.path(EventFields.SEQUENCE).asLong())
                .eventType(text(n, EventFields.EVENT_TYPE))
                .occurredAt(Instant.ofEpochMilli(n.path(EventFields.OCCURRED_AT).asLong()))
                .ingestedAt(Instant.ofEpochMilli(n.path(EventFields.INGESTED_AT).asLong()))
                .actor(text(n, EventFields.ACTOR))
                .sessionId(text(n, EventFields.SESSION_ID))
                .subject(text(n, EventFields.SUBJECT))
                .content(text(n, EventFields.CONTENT))
                .payload(text(n, EventFields.PAYLOAD));
        JsonNode attributes = n.path(EventFields.ATTRIBUTES);
        for (Iterator<Map.Entry<String, JsonNode>> it = attributes.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            b.attribute(entry.getKey(), entry.getValue().isNull() ? null : entry.getValue().asText());
        }
        return b.build();
    }

    private static String text(final JsonNode n, final String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    /** The shared mapper, configured once; connectors use it for payloads so output is consistent. */
    public static ObjectMapper mapper() {
        return MAPPER;
    }
}
