package dev.episodic.connect.common.event;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * One episodic event, the unit every connector emits. Immutable; build it with {@link #builder()}.
 *
 * <p>{@code (stream, sequence)} is the event's gap-free coordinate; {@code eventId} is derived from the
 * source's own identity so the same activity always carries the same id.
 */
public final class EpisodicEvent {
    private final String eventId;
    private final SourceType sourceType;
    private final String sourceId;
    private final String stream;
    private final long sequence;
    private final String eventType;
    private final Instant occurredAt;
    private final Instant ingestedAt;
    private final String actor;
    private final String sessionId;
    private final String subject;
    private final String content;
    private final Map<String, String> attributes;
    private final String payload;

    private EpisodicEvent(final Builder b) {
        this.eventId = require(b.eventId, "event_id");
        this.sourceType = Objects.requireNonNull(b.sourceType, "source_type");
        this.sourceId = require(b.sourceId, "source_id");
        this.stream = require(b.stream, "stream");
        if (b.sequence < 1) {
            throw new IllegalArgumentException("sequence must be >= 1 but was " + b.sequence + " for " + b.eventId);
        }
        this.sequence = b.sequence;
        this.eventType = require(b.eventType, "event_type");
        this.occurredAt = Objects.requireNonNull(b.occurredAt, "occurred_at");
        this.ingestedAt = Objects.requireNonNull(b.ingestedAt, "ingested_at");
        this.actor = b.actor;
        this.sessionId = b.sessionId;
        this.subject = b.subject;
        this.content = b.content;
        // The builder hands its entries over (see Builder#build), so no copy is made on the hot path.
        this.attributes = b.attributes.build();
        this.payload = b.payload;
    }

    private static String require(final String value, final String field) {
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException(field + " is required");
        }
        return value;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder pre-filled with this event's fields, e.g. to assign a sequence to a prepared event. */
    public Builder toBuilder() {
        Builder b = new Builder().eventId(eventId).sourceType(sourceType).sourceId(sourceId).stream(stream)
                .sequence(sequence).eventType(eventType).occurredAt(occurredAt).ingestedAt(ingestedAt)
                .actor(actor).sessionId(sessionId).subject(subject).content(content).payload(payload);
        attributes.forEach(b.attributes::put);
        return b;
    }

    public String eventId() { return eventId; }
    public SourceType sourceType() { return sourceType; }
    public String sourceId() { return sourceId; }
    public String stream() { return stream; }
    public long sequence() { return sequence; }
    public String eventType() { return eventType; }
    public Instant occurredAt() { return occurredAt; }
    public Instant ingestedAt() { return ingestedAt; }
    public String actor() { return actor; }
    public String sessionId() { return sessionId; }
    public String subject() { return subject; }
    public String content() { return content; }
    public Map<String, String> attributes() { return attributes; }
    public String payload() { return payload; }

    @Override
    public boolean equals(final Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof EpisodicEvent)) {
            return false;
        }
        EpisodicEvent e = (EpisodicEvent) o;
        return sequence == e.sequence && eventId.equals(e.eventId) && sourceType == e.sourceType
                && sourceId.equals(e.sourceId) && stream.equals(e.stream) && eventType.equals(e.eventType)
                && occurredAt.equals(e.occurredAt) && ingestedAt.equals(e.ingestedAt)
                && Objects.equals(actor, e.actor) && Objects.equals(sessionId, e.sessionId)
                && Objects.equals(subject, e.subject) && Objects.equals(content, e.content)
                && attributes.equals(e.attributes) && Objects.equals(payload, e.payload);
    }

    @Override
    public int hashCode() {
        return Objects.hash(eventId, stream, sequence);
    }

    @Override
    public String toString() {
        return "EpisodicEvent{" + stream + "#" + sequence + " " + eventType + " " + eventId + "}";
    }

    /** Fluent builder; {@code attributes} keep insertion order, null values are skipped. Builds one event. */
    public static final class Builder {
        private String eventId;
        private SourceType sourceType;
        private String sourceId;
        private String stream;
        private long sequence;
        private String eventType;
        private Instant occurredAt;
        private Instant ingestedAt;
        private String actor;
        private String sessionId;
        private String subject;
        private String content;
        private final EventAttributes.Collector attributes = new EventAttributes.Collector();
        private String payload;
        private boolean built;

        private Builder() {
        }

        public Builder eventId(final String v) { this.eventId = v; return this; }
        public Builder sourceType(final SourceType v) { this.sourceType = v; return this; }
        public Builder sourceId(final String v) { this.sourceId = v; return this; }
        public Builder stream(final String v) { this.stream = v; return this; }
        public Builder sequence(final long v) { this.sequence = v; return this; }
        public Builder eventType(final String v) { this.eventType = v; return this; }
        public Builder occurredAt(final Instant v) { this.occurredAt = v; return this; }
        public Builder ingestedAt(final Instant v) { this.ingestedAt = v; return this; }
        public Builder actor(final String v) { this.actor = v; return this; }
        public Builder sessionId(final String v) { this.sessionId = v; return this; }
        public Builder subject(final String v) { this.subject = v; return this; }
        public Builder content(final String v) { this.content = v; return this; }
        public Builder payload(final String v) { this.payload = v; return this; }

        public Builder attribute(final String key, final Object value) {
            if (built) {
                throw new IllegalStateException("This builder already built its event");
            }
            if (value != null) {
                attributes.put(key, String.valueOf(value));
            }
            return this;
        }

        public Builder attributes(final Map<String, String> values) {
            values.forEach(this::attribute);
            return this;
        }

        public EpisodicEvent build() {
            if (built) {
                throw new IllegalStateException("An EpisodicEvent.Builder builds one event; use toBuilder() for another");
            }
            built = true;
            return new EpisodicEvent(this);
        }
    }
}
