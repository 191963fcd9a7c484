package dev.episodic.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.Objects;

/**
 * One committed event of a stream: its coordinate ({@code stream}, {@code sequence}), the envelope fields most
 * readers need, the whole value as JSON, and where it sits in Kafka. Immutable: {@link #value()} hands out a copy.
 */
public final class StreamEvent {
    private final String stream;
    private final long sequence;
    private final String eventId;
    private final Instant occurredAt;
    private final String type;
    private final ObjectNode value;
    private final String topic;
    private final int partition;
    private final long offset;

    StreamEvent(final String stream, final long sequence, final String eventId, final Instant occurredAt,
                final String type, final ObjectNode value, final String topic, final int partition, final long offset) {
        this.stream = Objects.requireNonNull(stream, "stream");
        this.sequence = sequence;
        this.eventId = eventId;
        this.occurredAt = occurredAt;
        this.type = type;
        this.value = Objects.requireNonNull(value, "value");
        this.topic = topic;
        this.partition = partition;
        this.offset = offset;
    }

    public String stream() {
        return stream;
    }

    public long sequence() {
        return sequence;
    }

    /** {@code event_id}: deterministic from the source's identity, the same activity always has the same id. */
    public String eventId() {
        return eventId;
    }

    public Instant occurredAt() {
        return occurredAt;
    }

    /** {@code event_type}, e.g. {@code commit}, {@code message_edited}, {@code http_request}. */
    public String type() {
        return type;
    }

    /** The envelope as JSON (a copy: changing it changes nothing here). */
    public ObjectNode value() {
        return value.deepCopy();
    }

    /** A top-level text field of the envelope ({@code actor}, {@code subject}, …), or null when absent or null. */
    public String text(final String field) {
        JsonNode v = value.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    /** The envelope as one line of JSON, the form Connect's {@code JsonConverter} (schemas off) writes. */
    public String json() {
        return value.toString();
    }

    public String topic() {
        return topic;
    }

    public int partition() {
        return partition;
    }

    public long offset() {
        return offset;
    }

    @Override
    public boolean equals(final Object o) {
        return o instanceof StreamEvent e && sequence == e.sequence && partition == e.partition && offset == e.offset
                && stream.equals(e.stream) && Objects.equals(topic, e.topic) && value.equals(e.value);
    }

    @Override
    public int hashCode() {
        return Objects.hash(stream, sequence, topic, partition, offset);
    }

    @Override
    public String toString() {
        return stream + "#" + sequence + " " + type + " (" + eventId + ") at " + topic + "-" + partition + "@" + offset;
    }
}
