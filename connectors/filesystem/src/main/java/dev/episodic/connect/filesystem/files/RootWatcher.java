package dev.episodic.connect.filesystem.files;

import dev.episodic.connect.common.event.EpisodicEvent;
import dev.episodic.connect.common.task.EventBatch;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.connect.errors.ConnectException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One root of a task: its state, the changes of its last scan still to be handed to Connect, and its scan schedule.
 * A scan runs on the task's scan thread and only while nothing of this root is pending, so the index it reads does
 * not move under it.
 */
public final class RootWatcher {
    private static final Logger LOG = LoggerFactory.getLogger(RootWatcher.class);

    private final Path root;
    private final RootIndex index;
    private final ScanOptions options;
    private final FileEventFactory events;
    private final Clock clock;
    private final Deque<FileChange> pending = new ArrayDeque<>();
    private Future<ScanResult> scan;
    private Instant scanStartedAt;
    private Instant lastScanAt;
    private long nextScanAtMs;

    public RootWatcher(final Path root, final RootIndex index, final ScanOptions options, final FileEventFactory events,
                       final Clock clock) {
        this.root = root;
        this.index = index;
        this.options = options;
        this.events = events;
        this.clock = clock;
        if (options.initialScan()) {
            index.markAllBaselined();
        }
    }

    public boolean hasPending() {
        return !pending.isEmpty();
    }

    public boolean scanning() {
        return scan != null;
    }

    public boolean scanDue() {
        return scan == null && pending.isEmpty() && clock.millis() >= nextScanAtMs;
    }

    /** Starts a scan on {@code executor}; the caller checks {@link #scanDue()} first. */
    public void startScan(final ExecutorService executor) {
        scanStartedAt = clock.instant();
        scan = executor.submit(() -> scanNow());
    }

    /** One scan, synchronously: walk, then compare. Used by the scan thread and by the benchmark. */
    public ScanResult scanNow() {
        Listing listing = new TreeWalker(options.access(), options.rules(), options.followSymlinks()).walk(root);
        return new ChangeDetector(options.access(), options.hash()).detect(root, index, listing);
    }

    /**
     * Waits up to {@code millis} for the running scan; when it is done, queues its changes and applies its silent
     * updates. Returns true when the scan finished.
     */
    public boolean awaitScan(final long millis) throws InterruptedException {
        if (scan == null) {
            return true;
        }
        ScanResult result;
        try {
            result = scan.get(millis, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            return false;
        } catch (ExecutionException e) {
            scan = null;
            nextScanAtMs = clock.millis() + options.scanIntervalMs();
            throw new ConnectException("Scan of " + root + " failed: " + e.getCause().getMessage(), e.getCause());
        }
        scan = null;
        accept(result, scanStartedAt);
        return true;
    }

    /** Queues a finished scan's changes and records its silent updates. */
    private void accept(final ScanResult result, final Instant startedAt) {
        result.silent().forEach(index::putSilently);
        if (!result.rootMissing()) {
            index.markAllBaselined();
        }
        pending.addAll(result.changes());
        lastScanAt = startedAt;
        nextScanAtMs = clock.millis() + options.scanIntervalMs();
        if (!result.changes().isEmpty()) {
            LOG.debug("Scan of {} found {} changes", root, result.changes().size());
        }
    }

    /** Hands pending changes to {@code batch} while it has room; each event carries its shard's offset. */
    public void emit(final EventBatch batch) {
        while (batch.hasRoom() && !pending.isEmpty()) {
            FileChange change = pending.poll();
            FileShardCursor cursor = index.apply(change);
            EpisodicEvent event = events.event(change, cursor.seq(), lastScanAt, batch.ingestedAt());
            batch.add(ShardPartition.of(index.stream(), change.shard()), cursor, event);
        }
    }

    /** Cancels a running scan (task stop). */
    public void cancel() {
        if (scan != null) {
            scan.cancel(true);
            scan = null;
        }
    }
}
