package dev.episodic.connect.filesystem;

import dev.episodic.connect.common.cursor.StreamPartition;
import dev.episodic.connect.common.event.EpisodicEvent;
import dev.episodic.connect.common.metrics.TaskMetrics;
import dev.episodic.connect.common.task.EventBatch;
import dev.episodic.connect.filesystem.GitRepositoryCursor.PendingSync;
import dev.episodic.connect.filesystem.git.CommitStream;
import dev.episodic.connect.filesystem.git.GitCommit;
import dev.episodic.connect.filesystem.git.GitException;
import dev.episodic.connect.filesystem.git.GitHistory;
import dev.episodic.connect.filesystem.git.WalkOptions;
import java.io.Closeable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import org.apache.kafka.connect.errors.ConnectException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One repository's stream. A sync publishes the current branch tips: first the branch events (created, deleted,
 * rewritten), then every commit reachable from the new tips and not from the recorded ones, parents first. The
 * cursor after each event records how far into the sync the stream got, so a restart resumes mid-sync exactly.
 */
final class RepositoryStream implements Closeable {
    private static final Logger LOG = LoggerFactory.getLogger(RepositoryStream.class);

    private final String stream;
    private final Path path;
    private final Map<String, String> partition;
    private final List<String> branchPatterns;
    private final WalkOptions walkOptions;
    private final GitEventFactory events;
    private final TaskMetrics metrics;
    private GitHistory git;
    private GitRepositoryCursor cursor;
    private Sync sync;

    RepositoryStream(final String stream, final Path path, final GitRepositoryCursor cursor, final List<String> branchPatterns,
                     final WalkOptions walkOptions, final GitEventFactory events, final TaskMetrics metrics) {
        this.stream = stream;
        this.path = path;
        this.partition = StreamPartition.of(stream);
        this.cursor = cursor;
        this.branchPatterns = branchPatterns;
        this.walkOptions = walkOptions;
        this.events = events;
        this.metrics = metrics;
    }

    String stream() {
        return stream;
    }

    GitRepositoryCursor cursor() {
        return cursor;
    }

    /** Adds this stream's next events to the batch; returns true when the stream has more ready right now. */
    boolean fill(final EventBatch batch) {
        ensureOpen();
        try {
            if (sync == null && !startSync()) {
                return false;
            }
            while (batch.hasRoom() && sync != null) {
                emitNext(batch);
            }
            return sync != null;
        } catch (GitException e) {
            throw vanishedOr(e);
        }
    }

    private void ensureOpen() {
        if (git != null) {
            return;
        }
        if (!Files.isDirectory(path)) {
            throw vanished();
        }
        try {
            git = GitHistory.open(path);
        } catch (GitException e) {
            throw new ConnectException("Stream " + stream + ": " + e.getMessage(), e);
        }
    }

    /** Resumes the recorded pending sync, or starts one when the branch tips moved; false when nothing moved. */
    private boolean startSync() {
        Optional<PendingSync> pending = cursor.pending();
        if (pending.isPresent()) {
            try {
                sync = new Sync(pending.get());
                return true;
            } catch (GitException e) {
                // E.g. a target commit was garbage-collected after a force-push while we were stopped.
                LOG.warn("Stream {}: the sync recorded in its cursor cannot be resumed ({}); starting a new sync from the "
                        + "current branch tips. Commits of the abandoned sync that are still reachable may be emitted again "
                        + "with the same event_id.", stream, e.getMessage());
                cursor = new GitRepositoryCursor(cursor.seq(), cursor.tips(), Optional.empty());
            }
        }
        // Reading the branch tips is this source's request; unchanged tips are its "not modified".
        metrics.sourceRequest();
        SortedMap<String, String> current = new TreeMap<>(git.branchTips(branchPatterns));
        if (current.equals(cursor.tips())) {
            metrics.notModified();
            return false;
        }
        sync = new Sync(new PendingSync(current, 0, 0));
        return true;
    }

    private void emitNext(final EventBatch batch) {
        long seq = cursor.seq() + 1;
        EpisodicEvent event;
        long branchDone = sync.branchDone;
        long skip = sync.commits.resumeSkip();
        if (sync.branchDone < sync.branchChanges.size()) {
            event = branchEvent(sync.branchChanges.get((int) sync.branchDone), seq, batch.ingestedAt());
            branchDone++;
            sync.branchDone = branchDone;
        } else if (sync.commits.hasNext()) {
            GitCommit commit = sync.commits.next();
            event = events.commit(commit, seq, batch.ingestedAt());
            skip = sync.commits.resumeSkip();
        } else {
            complete(cursor.seq());
            return;
        }
        boolean last = branchDone >= sync.branchChanges.size() && !sync.commits.hasNext();
        PendingSync position = new PendingSync(sync.targets.targets(), branchDone, skip);
        GitRepositoryCursor after = last
                ? new GitRepositoryCursor(seq, sync.targets.targets(), Optional.empty())
                : new GitRepositoryCursor(seq, cursor.tips(), Optional.of(position));
        batch.add(partition, after, event);
        cursor = after;
        if (last) {
            closeSync();
        }
    }

    /** The sync ended without an event to carry its final cursor (e.g. the last commits were filtered out). */
    private void complete(final long seq) {
        cursor = new GitRepositoryCursor(seq, sync.targets.targets(), Optional.empty());
        closeSync();
    }

    private EpisodicEvent branchEvent(final BranchChange change, final long seq, final Instant ingestedAt) {
        switch (change.kind()) {
            case DELETED:
                return events.branchDeleted(change.branch(), change.oldSha(), seq, ingestedAt);
            case REWRITTEN:
                return events.historyRewritten(change.branch(), change.oldSha(), change.newSha(),
                        git.commitTime(change.newSha()), seq, ingestedAt);
            case CREATED:
                return events.branchCreated(change.branch(), change.newSha(), git.commitTime(change.newSha()), seq, ingestedAt);
            default:
                throw new IllegalStateException("Unknown branch change " + change.kind());
        }
    }

    private ConnectException vanishedOr(final GitException e) {
        return Files.isDirectory(path) ? new ConnectException("Stream " + stream + " (" + path + "): " + e.getMessage(), e)
                : vanished();
    }

    private ConnectException vanished() {
        return new ConnectException("Repository " + path + " of stream " + stream + " is gone or not readable. Fix: "
                + "restore it at that path, or remove it from git.repositories and restart the connector; its cursor "
                + "stays in the offsets and resumes when the repository is back.");
    }

    private void closeSync() {
        if (sync != null) {
            sync.commits.close();
            sync = null;
        }
    }

    @Override
    public void close() {
        closeSync();
        if (git != null) {
            git.close();
            git = null;
        }
    }

    /** The sync in progress: its targets, branch changes and the open commit walk. */
    private final class Sync {
        final PendingSync targets;
        final List<BranchChange> branchChanges;
        final CommitStream commits;
        long branchDone;

        Sync(final PendingSync pending) {
            this.targets = pending;
            this.branchChanges = BranchChange.between(cursor.tips(), pending.targets(), git);
            this.branchDone = Math.min(pending.branchEventsDone(), branchChanges.size());
            this.commits = git.walk(pending.targets(), cursor.tips().values(), pending.commitSkip(), walkOptions);
        }
    }
}
