package dev.episodic.connect.common.task;

import dev.episodic.connect.common.cursor.StreamCursor;
import dev.episodic.connect.common.event.EpisodicEvent;
import dev.episodic.connect.common.event.EventRecords;
import dev.episodic.connect.common.metrics.TaskMetrics;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.source.SourceRecord;

/**
 * The records one {@code poll()} hands to Connect, bounded by {@code batch.max.events}. Each event travels with
 * the cursor of its stream as it stands <em>after</em> that event, so the committed offset never claims more
 * than what was committed with it.
 */
public final class EventBatch {
    private final EventRecords toRecords;
    private final int capacity;
    private final Instant ingestedAt;
    private final List<SourceRecord> records;
    private final TaskMetrics metrics;
    private boolean moreAvailable;
    /** The run of one stream's events added since the last report to the metrics: its size and last event. */
    private long runCount;
    private EpisodicEvent runLast;

    public EventBatch(final String topic, final int capacity, final Instant ingestedAt) {
        this(topic, capacity, ingestedAt, TaskMetrics.unpublished(Clock.systemUTC()));
    }

    /** A batch whose events are counted in {@code metrics} as they are added. */
    public EventBatch(final String topic, final int capacity, final Instant ingestedAt, final TaskMetrics metrics) {
        if (capacity < 1) {
            throw new IllegalArgumentException("batch capacity must be >= 1");
        }
        this.toRecords = new EventRecords(topic);
        this.capacity = capacity;
        this.ingestedAt = ingestedAt;
        this.records = new ArrayList<>(Math.min(capacity, 4096));
        this.metrics = metrics;
    }

    /** The ingestion time stamped on every event of this batch. */
    public Instant ingestedAt() {
        return ingestedAt;
    }

    public boolean hasRoom() {
        return records.size() < capacity;
    }

    public int remaining() {
        return capacity - records.size();
    }

    public int size() {
        return records.size();
    }

    public boolean isEmpty() {
        return records.isEmpty();
    }

    public void add(final Map<String, ?> partition, final StreamCursor cursorAfter, final EpisodicEvent event) {
        if (!hasRoom()) {
            throw new IllegalStateException("batch is full (" + capacity + " events)");
        }
        if (event.sequence() != cursorAfter.seq()) {
            throw new IllegalStateException("event " + event.eventId() + " has sequence " + event.sequence()
                    + " but its cursor stands at " + cursorAfter.seq());
        }
        records.add(toRecords.record(partition, cursorAfter.toOffset(), event));
        if (runLast != null && !event.stream().equals(runLast.stream())) {
            reportRun();
        }
        runCount++;
        runLast = event;
    }

    private void reportRun() {
        if (runCount > 0) {
            metrics.eventsEmittedFor(runLast.stream(), runCount, runLast.sequence(),
                    runLast.occurredAt().toEpochMilli());
            runCount = 0;
        }
    }

    /** The source has more ready now: the next poll should not wait for the poll interval. */
    public void markMoreAvailable() {
        this.moreAvailable = true;
    }

    public boolean moreAvailable() {
        return moreAvailable || !hasRoom();
    }

    /** The records, handed to Connect: the events are counted in the metrics now. */
    List<SourceRecord> records() {
        reportRun();
        return records;
    }
}
