package dev.episodic.connect.apilog;

import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import dev.episodic.connect.common.event.EpisodicEvent;
import dev.episodic.connect.common.event.EventSchemas;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.source.SourceTaskContext;
import org.apache.kafka.connect.storage.OffsetStorageReader;

/**
 * Runs an {@link ApiLogSourceTask} as Connect would, against an in-memory offset store: every record's offset is
 * "committed" as soon as it is polled, so {@link #restart()} resumes exactly after the last polled event.
 */
final class TaskHarness implements AutoCloseable {
    private final Map<String, String> props;
    private final Map<Map<String, ?>, Map<String, Object>> offsets = new HashMap<>();
    private final List<EpisodicEvent> events = new ArrayList<>();
    private final List<SourceRecord> records = new ArrayList<>();
    private ApiLogSourceTask task;

    TaskHarness(final Map<String, String> props) {
        this.props = new HashMap<>(props);
        this.props.putIfAbsent("name", "harness");
        this.props.putIfAbsent("poll.interval.ms", "100");
        start();
    }

    private void start() {
        task = new ApiLogSourceTask();
        SourceTaskContext context = mock(SourceTaskContext.class);
        OffsetStorageReader reader = mock(OffsetStorageReader.class);
        when(reader.offset(org.mockito.ArgumentMatchers.any())).thenAnswer(inv -> {
            Map<String, ?> partition = inv.getArgument(0);
            Map<String, Object> offset = offsets.get(partition);
            return offset == null ? null : new HashMap<>(offset);
        });
        when(context.offsetStorageReader()).thenReturn(reader);
        task.initialize(context);
        task.start(props);
    }

    /** One poll; returns the events it produced (possibly none). */
    List<EpisodicEvent> pollOnce() throws InterruptedException {
        List<SourceRecord> polled = task.poll();
        List<EpisodicEvent> out = new ArrayList<>();
        if (polled != null) {
            for (SourceRecord r : polled) {
                @SuppressWarnings("unchecked")
                Map<String, ?> partition = (Map<String, ?>) r.sourcePartition();
                @SuppressWarnings("unchecked")
                Map<String, Object> offset = (Map<String, Object>) r.sourceOffset();
                offsets.put(partition, offset);
                out.add(EventSchemas.fromStruct((Struct) r.value()));
                records.add(r);
            }
        }
        events.addAll(out);
        return out;
    }

    /** Polls until several polls in a row (each at least a poll interval apart) bring nothing. */
    List<EpisodicEvent> drain() throws InterruptedException {
        List<EpisodicEvent> out = new ArrayList<>();
        int idle = 0;
        while (idle < 5) {
            List<EpisodicEvent> got = pollOnce();
            if (got.isEmpty()) {
                idle++;
                Thread.sleep(30);
            } else {
                idle = 0;
                out.addAll(got);
            }
        }
        return out;
    }

    /** Stops the task and starts a new one that reads the offsets of everything polled so far. */
    void restart() {
        task.stop();
        start();
    }

    List<EpisodicEvent> events() {
        return events;
    }

    List<SourceRecord> records() {
        return records;
    }

    Map<Map<String, ?>, Map<String, Object>> offsets() {
        return offsets;
    }

    ApiLogSourceTask task() {
        return task;
    }

    @Override
    public void close() {
        task.stop();
    }
}
