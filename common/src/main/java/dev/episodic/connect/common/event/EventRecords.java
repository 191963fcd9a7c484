package dev.episodic.connect.common.event;

import java.util.Map;
import org.apache.kafka.connect.header.ConnectHeaders;
import org.apache.kafka.connect.source.SourceRecord;

/** Turns an event plus its source partition and offset into the {@link SourceRecord} Connect commits. */
public final class EventRecords {
    private EventRecords() {
    }

    /**
     * Key = stream (so a stream stays on one partition, in order), value = {@link EventSchemas#VALUE_SCHEMA},
     * record timestamp = {@code occurred_at}, headers = the event's coordinate.
     */
    public static SourceRecord toSourceRecord(final String topic, final Map<String, ?> sourcePartition,
                                              final Map<String, ?> sourceOffset, final EpisodicEvent event) {
        ConnectHeaders headers = new ConnectHeaders();
        headers.addString(EventHeaders.STREAM, event.stream());
        headers.addString(EventHeaders.SEQUENCE, Long.toString(event.sequence()));
        headers.addString(EventHeaders.EVENT_ID, event.eventId());
        return new SourceRecord(sourcePartition, sourceOffset, topic, null,
                EventSchemas.KEY_SCHEMA, event.stream(),
                EventSchemas.VALUE_SCHEMA, EventSchemas.toStruct(event),
                event.occurredAt().toEpochMilli(), headers);
    }
}
