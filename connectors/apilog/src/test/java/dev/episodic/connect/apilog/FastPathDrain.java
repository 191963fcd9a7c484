package dev.episodic.connect.apilog;

import dev.episodic.connect.common.event.EpisodicEvent;
import dev.episodic.connect.common.metrics.TaskMetrics;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.source.SourceRecord;

/**
 * For the benchmark: one "poll" of a started {@link ApiLogSourceTask} whose records are built with
 * {@link FastRecords} (the record building proposed for common) instead of common's {@code EventBatch}; same
 * batch bound, same per-event metric update. Everything before the record building is the task's own code.
 */
public final class FastPathDrain {
    private final ApiLogSourceTask task;
    private final int capacity;
    private final FastRecords records;
    private final TaskMetrics metrics = TaskMetrics.unpublished(Clock.systemUTC());

    public FastPathDrain(final ApiLogSourceTask task, final String topic, final int capacity) {
        this.task = task;
        this.capacity = capacity;
        this.records = new FastRecords(topic);
    }

    /** Builds one batch of records and returns them. */
    public List<SourceRecord> poll() throws InterruptedException {
        List<SourceRecord> batch = new ArrayList<>(Math.min(capacity, 4096));
        task.drainInto(new ReadAhead.Target() {
            @Override
            public boolean hasRoom() {
                return batch.size() < capacity;
            }

            @Override
            public boolean isEmpty() {
                return batch.isEmpty();
            }

            @Override
            public void add(final Map<String, String> partition, final ApiLogFileCursor cursorAfter,
                            final EpisodicEvent event) {
                batch.add(records.toSourceRecord(partition, cursorAfter.toOffset(), event));
                metrics.eventEmitted(event.stream(), event.sequence(), event.occurredAt().toEpochMilli());
            }
        });
        return batch;
    }
}
