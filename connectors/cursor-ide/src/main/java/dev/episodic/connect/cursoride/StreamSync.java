package dev.episodic.connect.cursoride;

import dev.episodic.connect.common.cursor.StreamPartition;
import dev.episodic.connect.common.event.EpisodicEvent;
import dev.episodic.connect.common.metrics.TaskMetrics;
import dev.episodic.connect.common.task.Backoff;
import dev.episodic.connect.common.task.EventBatch;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads one stream (a workspace database, with the global one for its composers' bubbles; or the global
 * database alone) into batches. Skips the databases when their files have not changed, backs off when they are
 * locked, and walks the groups in (time, key) order from where the cursor stands.
 */
final class StreamSync {
    private static final Logger LOG = LoggerFactory.getLogger(StreamSync.class);
    /** How often a stream that has been quiet for longer than the active window is looked at. */
    static final Duration INACTIVE_CHECK = Duration.ofMinutes(1);

    /** What the stream needs from the task: shared databases, the composers other workspaces claim. */
    interface Context {
        DatabasePool pool();

        Optional<CursorDatabase> global();

        /** Composer ids listed by any workspace (only asked by the global stream). */
        Set<String> claimedComposers() throws DatabaseReadException;

        Warnings warnings();

        EventFactory events();

        Duration activeWindow();

        /** The task's metrics: a stamp check is a request, an unchanged stamp a "not modified" answer. */
        TaskMetrics taskMetrics();
    }

    private final CursorDatabase database;
    private final Map<String, String> partition;
    private final Backoff backoff = new Backoff(Duration.ofMillis(250), Duration.ofSeconds(30));
    private WorkspaceCursor cursor;
    private List<FileStamp> readStamps = List.of();
    private boolean pending = true;
    private long retryAtMs;
    private long lastChangeMs;
    private long lastCheckMs;

    StreamSync(final CursorDatabase database, final WorkspaceCursor cursor) {
        this.database = database;
        this.partition = StreamPartition.of(database.stream());
        this.cursor = cursor;
    }

    String stream() {
        return database.stream();
    }

    CursorDatabase database() {
        return database;
    }

    WorkspaceCursor cursor() {
        return cursor;
    }

    /** Nothing left to read from what the files showed last, and no retry waiting. */
    boolean settled(final long nowMs) {
        return !pending && nowMs >= retryAtMs;
    }

    /**
     * Adds this stream's new events to {@code batch}; returns true when it stopped because the batch is full.
     */
    boolean fill(final EventBatch batch, final Context ctx, final long nowMs) {
        if (nowMs < retryAtMs) {
            return false;
        }
        if (!pending && nowMs - lastChangeMs > ctx.activeWindow().toMillis()
                && nowMs - lastCheckMs < INACTIVE_CHECK.toMillis()) {
            return false;
        }
        lastCheckMs = nowMs;
        CursorDatabase global = database.isGlobal() ? null : ctx.global().orElse(null);
        List<FileStamp> stamps = new ArrayList<>();
        stamps.add(FileStamp.of(database.database()));
        if (global != null) {
            stamps.add(FileStamp.of(global.database()));
        }
        ctx.taskMetrics().sourceRequest();
        if (!pending && stamps.equals(readStamps)) {
            ctx.taskMetrics().notModified();
            return false;
        }
        if (!stamps.equals(readStamps)) {
            lastChangeMs = nowMs;
        }
        if (!stamps.get(0).exists()) {
            readStamps = stamps;
            pending = false;
            return false;
        }
        try {
            ReadOnlyDatabase db = ctx.pool().get(database.database(), stamps.get(0));
            ReadOnlyDatabase globalDb = openGlobal(ctx, global, stamps);
            Set<String> claimed = database.isGlobal() ? ctx.claimedComposers() : Set.of();
            long changedMs = stamps.stream().mapToLong(FileStamp::changedMs).max().orElse(nowMs);
            boolean full = db.read(ws -> globalDb == null
                    ? walk(batch, ctx, groups(ws, null, changedMs, ctx, claimed))
                    : globalDb.read(g -> walk(batch, ctx, groups(ws, g, changedMs, ctx, claimed)), nowMs), nowMs);
            backoff.reset();
            pending = full;
            if (!full) {
                readStamps = stamps;
                cursor = cursor.passCompleted();
            }
            return full;
        } catch (DatabaseBusyException e) {
            Duration wait = backoff.next(null);
            retryAtMs = nowMs + wait.toMillis();
            ctx.pool().evict(database.database());
            ctx.taskMetrics().retry();
            LOG.warn("Stream {}: {}; retrying in {} ms (attempt {})", stream(), e.getMessage(), wait.toMillis(),
                    backoff.failures());
            return false;
        } catch (DatabaseReadException e) {
            ctx.warnings().once(stream() + "|" + stamps, "Stream {}: {}", stream(), e.getMessage());
            ctx.pool().evict(database.database());
            readStamps = stamps;
            pending = false;
            return false;
        }
    }

    private static ReadOnlyDatabase openGlobal(final Context ctx, final CursorDatabase global,
                                               final List<FileStamp> stamps) {
        if (global == null || !stamps.get(1).exists()) {
            return null;
        }
        try {
            return ctx.pool().get(global.database(), stamps.get(1));
        } catch (DatabaseReadException e) {
            // The workspace's own rows are still worth reading; its composers' bubbles wait for the global file.
            ctx.warnings().once(global + "|" + stamps.get(1), "Global database {} cannot be read now ({}); "
                    + "workspace composers are read without their global bubbles", global.database(), e.getMessage());
            return null;
        }
    }

    private List<SourceGroup> groups(final ReadOnlyDatabase db, final ReadOnlyDatabase globalDb, final long changedMs,
                                     final Context ctx, final Set<String> claimed)
            throws SQLException, DatabaseReadException {
        List<SourceGroup> groups = new ArrayList<>();
        DiskKv kv = null;
        if (database.isGlobal() && DiskKv.present(db)) {
            kv = new DiskKv(db);
        } else if (globalDb != null && DiskKv.present(globalDb)) {
            kv = new DiskKv(globalDb);
        }
        Set<String> ownComposers = new HashSet<>();
        groups.addAll(new ItemTableSource(db, stream(), changedMs, ctx.warnings()).groups(kv, ownComposers));
        groups.addAll(new GenerationsTableSource(db, changedMs, ctx.warnings()).groups());
        if (database.isGlobal() && kv != null) {
            Set<String> exclude = new HashSet<>(claimed);
            exclude.addAll(ownComposers);
            groups.addAll(new GlobalComposerSource(kv, changedMs, ctx.warnings()).groups(exclude));
        }
        groups.sort(Comparator.comparingLong(SourceGroup::time).thenComparing(SourceGroup::key));
        return groups;
    }

    /** Walks the groups; returns true when the batch filled up with items still to read. */
    private boolean walk(final EventBatch batch, final Context ctx, final List<SourceGroup> groups)
            throws SQLException, DatabaseReadException {
        for (SourceGroup group : groups) {
            Optional<GroupMark> mark = cursor.mark(group.key());
            if (mark.isPresent() && mark.get().complete() && mark.get().fingerprint().equals(group.fingerprint())) {
                continue;
            }
            if (mark.isEmpty() && cursor.belowHorizon(group.time(), group.key())) {
                continue;
            }
            if (!batch.hasRoom()) {
                return true;
            }
            if (walkGroup(batch, ctx, group, mark)) {
                return true;
            }
        }
        return false;
    }

    private boolean walkGroup(final EventBatch batch, final Context ctx, final SourceGroup group,
                              final Optional<GroupMark> previous) throws SQLException, DatabaseReadException {
        boolean fresh = previous.isEmpty();
        GroupMark mark = previous.map(m -> m.reopened(group.time())).orElse(GroupMark.start(group.time(), ""));
        List<String> keys = group.keys(mark.lastCompleteFingerprint());
        int index = previous.map(m -> m.resumeIndex(keys)).orElse(0);
        while (index < keys.size()) {
            if (!batch.hasRoom()) {
                cursor = cursor.withMark(group.key(), mark);
                return true;
            }
            int end = Math.min(keys.size(), index + Math.max(batch.remaining(), 16));
            List<String> run = keys.subList(index, end);
            List<Item> items = group.load(index, run, mark.count() + 1);
            for (Item item : items) {
                boolean skip = item.draft() == null
                        || (!fresh && group.uniqueKeys() && mark.recentlyHandled(item.key()))
                        || (fresh && !item.estimated() && item.occurredAt().toEpochMilli() <= cursor.settled());
                mark = mark.handled(index, item.key());
                index++;
                if (skip) {
                    continue;
                }
                long seq = cursor.seq() + 1;
                cursor = cursor.withMark(group.key(), mark).withSeq(seq);
                EpisodicEvent event = ctx.events().build(stream(), seq, item, batch.ingestedAt());
                batch.add(partition, cursor, event);
                if (!batch.hasRoom() && (index < keys.size())) {
                    return true;
                }
            }
            if (items.size() < run.size()) {
                // The next item is not ready (still being written): keep the group open, look again later.
                cursor = cursor.withMark(group.key(), mark);
                return false;
            }
        }
        cursor = cursor.withMark(group.key(), mark.completed(group.fingerprint(), group.time()));
        return false;
    }
}
