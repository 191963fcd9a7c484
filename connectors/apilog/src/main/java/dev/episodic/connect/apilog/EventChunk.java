package dev.episodic.connect.apilog;

import dev.episodic.connect.common.event.EpisodicEvent;
import dev.episodic.connect.common.task.EventBatch;
import java.time.Instant;
import java.util.Map;

/**
 * A fixed number of read-ahead events in file order, each with its source partition and cursor, handed from the
 * reading thread to the task thread as one unit (one lock round-trip per chunk, not per line). Filled by one
 * thread, then drained by the other, possibly over several polls.
 */
final class EventChunk implements EventSink {
    private final Instant ingestedAt;
    private final Map<String, String>[] partitions;
    private final ApiLogFileCursor[] cursors;
    private final EpisodicEvent[] events;
    private int size;
    private int next;

    @SuppressWarnings("unchecked")
    EventChunk(final int capacity, final Instant ingestedAt) {
        this.ingestedAt = ingestedAt;
        this.partitions = (Map<String, String>[]) new Map<?, ?>[capacity];
        this.cursors = new ApiLogFileCursor[capacity];
        this.events = new EpisodicEvent[capacity];
    }

    @Override
    public boolean hasRoom() {
        return size < events.length;
    }

    @Override
    public Instant ingestedAt() {
        return ingestedAt;
    }

    @Override
    public void add(final Map<String, String> partition, final ApiLogFileCursor cursorAfter,
                    final EpisodicEvent event) {
        partitions[size] = partition;
        cursors[size] = cursorAfter;
        events[size] = event;
        size++;
    }

    boolean isEmpty() {
        return size == 0;
    }

    /** Events added and not yet drained. */
    int remaining() {
        return size - next;
    }

    /** Moves events into {@code batch} while it has room; the references are dropped as they go. */
    void drainTo(final EventBatch batch) {
        while (next < size && batch.hasRoom()) {
            batch.add(partitions[next], cursors[next], events[next]);
            partitions[next] = null;
            cursors[next] = null;
            events[next] = null;
            next++;
        }
    }
}
