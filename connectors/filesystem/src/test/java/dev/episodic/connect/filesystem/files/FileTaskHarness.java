package dev.episodic.connect.filesystem.files;

import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import dev.episodic.connect.common.event.EpisodicEvent;
import dev.episodic.connect.common.event.EventSchemas;
import dev.episodic.connect.filesystem.FileChangeSourceConnector;
import dev.episodic.connect.filesystem.FileChangeSourceTask;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.source.SourceTaskContext;
import org.apache.kafka.connect.storage.OffsetStorageReader;

/** Runs a file-change task outside Connect; the offsets of returned records are "committed" as Connect would. */
final class FileTaskHarness {
    final Map<Map<String, ?>, Map<String, Object>> committed = new HashMap<>();
    final List<SourceRecord> records = new ArrayList<>();
    final FaultyAccess access = new FaultyAccess();
    private final Map<String, String> props;
    private FileChangeSourceTask task;

    FileTaskHarness(final Map<String, String> props) {
        this.props = new HashMap<>(props);
        this.props.putIfAbsent("name", "files-test");
        this.props.putIfAbsent("poll.interval.ms", "100");
        this.props.putIfAbsent("fs.scan.interval.ms", "100");
    }

    /** Starts a fresh task (as after a restart) reading the committed offsets. */
    FileTaskHarness start() {
        stop();
        FileChangeSourceConnector connector = new FileChangeSourceConnector();
        connector.start(props);
        Map<String, String> taskProps = connector.taskConfigs(1).get(0);
        task = new FileChangeSourceTask(access);
        SourceTaskContext context = mock(SourceTaskContext.class);
        when(context.offsetStorageReader()).thenReturn(new OffsetStorageReader() {
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
        });
        task.initialize(context);
        task.start(taskProps);
        return this;
    }

    List<EpisodicEvent> pollOnce() throws InterruptedException {
        List<SourceRecord> batch = task.poll();
        List<EpisodicEvent> events = new ArrayList<>();
        if (batch != null) {
            for (SourceRecord r : batch) {
                committed.put(r.sourcePartition(), new HashMap<>(r.sourceOffset()));
                records.add(r);
                events.add(EventSchemas.fromStruct((Struct) r.value()));
            }
        }
        return events;
    }

    /** Polls until a scan has run and everything it found is handed over (two empty polls in a row). */
    List<EpisodicEvent> drain() throws InterruptedException {
        List<EpisodicEvent> all = new ArrayList<>();
        int empty = 0;
        long deadline = System.currentTimeMillis() + 20_000;
        while (empty < 3 && System.currentTimeMillis() < deadline) {
            List<EpisodicEvent> batch = pollOnce();
            all.addAll(batch);
            empty = batch.isEmpty() ? empty + 1 : 0;
            if (batch.isEmpty()) {
                Thread.sleep(120);
            }
        }
        return all;
    }

    void stop() {
        if (task != null) {
            task.stop();
            task = null;
        }
    }
}
