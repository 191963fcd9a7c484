package dev.episodic.connect.filesystem;

import dev.episodic.connect.common.connector.TaskAssignments;
import dev.episodic.connect.common.connector.Versions;
import dev.episodic.connect.common.task.EpisodicSourceTask;
import dev.episodic.connect.common.task.EventBatch;
import dev.episodic.connect.filesystem.files.ContentReader;
import dev.episodic.connect.filesystem.files.FileAccess;
import dev.episodic.connect.filesystem.files.FileEventFactory;
import dev.episodic.connect.filesystem.files.FileShardCursor;
import dev.episodic.connect.filesystem.files.FileStreamNames;
import dev.episodic.connect.filesystem.files.RootIndex;
import dev.episodic.connect.filesystem.files.RootWatcher;
import dev.episodic.connect.filesystem.files.ScanOptions;
import dev.episodic.connect.filesystem.files.ShardPartition;
import dev.episodic.connect.filesystem.files.Shards;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.apache.kafka.connect.errors.ConnectException;

/**
 * Scans the roots assigned to this task on one background thread, one root at a time, and hands each scan's
 * changes to Connect in bounded batches. A root is scanned again only once all its changes are handed over, so the
 * state a scan compares against is exactly what the committed offsets say plus what this run emitted.
 */
public final class FileChangeSourceTask extends EpisodicSourceTask<FileChangeConfig> {
    /** Longest a fill waits for a running scan before it returns to the worker. */
    private static final long SCAN_WAIT_MS = 500;

    private final List<RootWatcher> roots = new ArrayList<>();
    private final FileAccess access;
    private ExecutorService scanner;
    private int next;

    public FileChangeSourceTask() {
        this(FileAccess.LOCAL);
    }

    /** With another file-system access, e.g. one that injects faults in tests. */
    public FileChangeSourceTask(final FileAccess access) {
        this.access = access;
    }

    @Override
    public String version() {
        return Versions.projectVersion();
    }

    @Override
    protected FileChangeConfig parseConfig(final Map<String, String> props) {
        return new FileChangeConfig(props);
    }

    @Override
    protected void open(final FileChangeConfig config) {
        List<String> assigned = TaskAssignments.decode(FileChangeConfig.TASK_ROOTS,
                config.getString(FileChangeConfig.TASK_ROOTS));
        Map<String, Path> all = FileStreamNames.assign(config.roots());
        ScanOptions options = config.scanOptions(access);
        for (String stream : assigned) {
            Path root = all.get(stream);
            if (root == null) {
                throw new ConnectException("Task was assigned root stream " + stream + " which " + FileChangeConfig.ROOTS
                        + " no longer names; restart the connector");
            }
            RootIndex index = RootIndex.load(stream, readShards(stream));
            FileEventFactory events = new FileEventFactory(config.sourceId(), stream, root, config.includePayload(),
                    new ContentReader(access, options.contentMaxBytes()));
            roots.add(new RootWatcher(root, index, options, events, clock()));
        }
        scanner = Executors.newSingleThreadExecutor(r -> {
            Thread thread = new Thread(r, "episodic-file-scan");
            thread.setDaemon(true);
            return thread;
        });
    }

    private Map<Integer, FileShardCursor> readShards(final String stream) {
        List<Map<String, String>> partitions = new ArrayList<>(Shards.COUNT);
        for (int shard = 0; shard < Shards.COUNT; shard++) {
            partitions.add(ShardPartition.of(stream, shard));
        }
        Map<Map<String, String>, Map<String, Object>> offsets = context.offsetStorageReader().offsets(partitions);
        Map<Integer, FileShardCursor> cursors = new HashMap<>();
        for (int shard = 0; shard < Shards.COUNT; shard++) {
            Map<String, Object> offset = offsets == null ? null : offsets.get(partitions.get(shard));
            int number = shard;
            FileShardCursor.CODEC.read(stream + " shard " + shard, offset).ifPresent(c -> cursors.put(number, c));
        }
        return cursors;
    }

    @Override
    protected void fill(final EventBatch batch) throws InterruptedException {
        emitPending(batch);
        if (!batch.hasRoom()) {
            batch.markMoreAvailable();
            return;
        }
        RootWatcher running = roots.stream().filter(RootWatcher::scanning).findFirst().orElse(null);
        if (running == null) {
            running = roots.stream().filter(RootWatcher::scanDue).findFirst().orElse(null);
            if (running != null) {
                running.startScan(scanner);
            }
        }
        if (running != null && running.awaitScan(SCAN_WAIT_MS)) {
            emitPending(batch);
        }
        if (roots.stream().anyMatch(r -> r.hasPending() || r.scanning() || r.scanDue())) {
            batch.markMoreAvailable();
        }
    }

    /** Round-robin over roots so one busy root cannot starve the others. */
    private void emitPending(final EventBatch batch) {
        int count = roots.size();
        for (int i = 0; i < count && batch.hasRoom(); i++) {
            roots.get((next + i) % count).emit(batch);
        }
        next = count == 0 ? 0 : (next + 1) % count;
    }

    @Override
    protected void close() {
        roots.forEach(RootWatcher::cancel);
        roots.clear();
        if (scanner != null) {
            scanner.shutdownNow();
            scanner = null;
        }
    }
}
