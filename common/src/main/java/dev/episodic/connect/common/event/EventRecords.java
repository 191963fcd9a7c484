package dev.episodic.connect.common.event;

import java.time.Instant;
import java.util.Date;
import java.util.Map;
import org.apache.kafka.connect.header.ConnectHeaders;
import org.apache.kafka.connect.header.Header;
import org.apache.kafka.connect.source.SourceRecord;

/**
 * Turns events plus their source partition and offset into the {@link SourceRecord}s Connect commits, for one
 * topic: key = stream (so a stream stays on one partition, in order), value = {@link EventSchemas#VALUE_SCHEMA},
 * record timestamp = {@code occurred_at}, headers = the event's coordinate.
 *
 * <p>One instance serves a batch of records, and consecutive events share most of what is not their own: the
 * stream (so its header), the ingestion time (one per batch) and often the time they occurred (log lines of one
 * second). Those immutable values, the stream header and the boxed timestamp, are made once per run of equal
 * values instead of once per record; so are the two {@link Date}s of the value struct, which the records treat as
 * values (nothing in Connect's conversion or in the events' readers writes to a record's dates). Headers are
 * {@link StringHeader}s: one object each.
 *
 * <p>An instance is used by one thread at a time (it keeps the last values it saw).
 */
public final class EventRecords {
    private final String topic;
    private String stream;
    private Header streamHeader;
    private Instant occurred;
    private Date occurredDate;
    private Long occurredMillis;
    private Instant ingested;
    private Date ingestedDate;

    public EventRecords(final String topic) {
        this.topic = topic;
    }

    /** One record, for a caller without a batch (tests, tools). */
    public static SourceRecord toSourceRecord(final String topic, final Map<String, ?> sourcePartition,
                                              final Map<String, ?> sourceOffset, final EpisodicEvent event) {
        return new EventRecords(topic).record(sourcePartition, sourceOffset, event);
    }

    public SourceRecord record(final Map<String, ?> sourcePartition, final Map<String, ?> sourceOffset,
                               final EpisodicEvent event) {
        String s = event.stream();
        if (!s.equals(stream)) {
            stream = s;
            streamHeader = new StringHeader(EventHeaders.STREAM, s);
        }
        Instant at = event.occurredAt();
        if (!at.equals(occurred)) {
            occurred = at;
            occurredDate = Date.from(at);
            occurredMillis = occurredDate.getTime();
        }
        Instant in = event.ingestedAt();
        if (!in.equals(ingested)) {
            ingested = in;
            ingestedDate = Date.from(in);
        }
        ConnectHeaders headers = new ConnectHeaders();
        headers.add(streamHeader);
        headers.add(new StringHeader(EventHeaders.SEQUENCE, Long.toString(event.sequence())));
        headers.add(new StringHeader(EventHeaders.EVENT_ID, event.eventId()));
        return new SourceRecord(sourcePartition, sourceOffset, topic, null,
                EventSchemas.KEY_SCHEMA, s,
                EventSchemas.VALUE_SCHEMA, EventSchemas.toStruct(event, occurredDate, ingestedDate),
                occurredMillis, headers);
    }
}
