package dev.episodic.connect.filesystem;

import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import dev.episodic.connect.common.event.EpisodicEvent;
import dev.episodic.connect.common.event.EventSchemas;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.source.SourceTaskContext;
import org.apache.kafka.connect.storage.OffsetStorageReader;

/** Runs a git task outside Connect; offsets of returned records are "committed" into a map, as Connect would. */
final class TaskHarness {
    final Map<Map<String, ?>, Map<String, Object>> committed = new HashMap<>();
    private final Map<String, String> props;
    private GitCommitSourceTask task;

    TaskHarness(final Map<String, String> props) {
        this.props = new HashMap<>(props);
        this.props.putIfAbsent("source.id", "test-git");
        this.props.putIfAbsent("poll.interval.ms", "100");
    }

    /** Starts a fresh task (as after a restart) reading the committed offsets. */
    TaskHarness start() {
        if (task != null) {
            task.stop();
        }
        GitCommitSourceConnector connector = new GitCommitSourceConnector();
        connector.start(props);
        Map<String, String> taskProps = connector.taskConfigs(1).get(0);
        task = new GitCommitSourceTask();
        SourceTaskContext context = mock(SourceTaskContext.class);
        OffsetStorageReader reader = new OffsetStorageReader() {
            @Override
            public <T> Map<String, Object> offset(final Map<String, T> partition) {
                return committed.get(partition);
            }

            @Override
            public <T> Map<Map<String, T>, Map<String, Object>> offsets(final Collection<Map<String, T>> partitions) {
                Map<Map<String, T>, Map<String, Object>> out = new HashMap<>();
                partitions.forEach(p -> out.put(p, committed.get(p)));
                return out;
            }
        };
        when(context.offsetStorageReader()).thenReturn(reader);
        task.initialize(context);
        task.start(taskProps);
        return this;
    }

    /** One poll; its records are committed. */
    List<EpisodicEvent> pollOnce() throws InterruptedException {
        List<SourceRecord> records = task.poll();
        List<EpisodicEvent> events = new ArrayList<>();
        if (records != null) {
            for (SourceRecord r : records) {
                committed.put(r.sourcePartition(), new HashMap<>(r.sourceOffset()));
                events.add(EventSchemas.fromStruct((Struct) r.value()));
            }
        }
        return events;
    }

    /** Polls until a poll returns nothing (the task then waits for its interval). */
    List<EpisodicEvent> drain() throws InterruptedException {
        List<EpisodicEvent> all = new ArrayList<>();
        while (true) {
            List<EpisodicEvent> batch = pollOnce();
            if (batch.isEmpty()) {
                return all;
            }
            all.addAll(batch);
        }
    }

    void stop() {
        if (task != null) {
            task.stop();
            task = null;
        }
    }
}
