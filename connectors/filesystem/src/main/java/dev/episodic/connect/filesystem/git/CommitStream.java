package dev.episodic.connect.filesystem.git;

import java.io.Closeable;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;

/**
 * Cursor over the commits of one walk, in {@link CommitOrder}'s order. With more than one thread,
 * workers extract upcoming commits ahead of the consumer (a bounded window) and results are
 * handed out strictly in order. Not thread-safe; close it to stop the workers.
 *
 * <p>Positions count every commit of the order, including those skipped by {@code since} or
 * the path filter, so {@link #resumeSkip()} stays valid whatever the filters.
 */
public final class CommitStream implements Iterator<GitCommit>, Closeable {

    private static final int AHEAD_PER_THREAD = 16;
    private static final AtomicInteger STREAMS = new AtomicInteger();

    private final CommitOrder order;
    private final BlockingQueue<CommitExtractor> extractors;
    private final List<CommitExtractor> allExtractors;
    private final ExecutorService workers;
    private final ArrayDeque<Future<Positioned>> inflight = new ArrayDeque<>();
    private final int window;
    private int nextToSubmit;
    private int resumeSkip;
    private Positioned buffered;
    private boolean closed;

    CommitStream(Repository repo, CommitOrder order, long skip, WalkOptions options) {
        if (skip < 0) {
            throw new IllegalArgumentException("skip must be >= 0: " + skip);
        }
        this.order = order;
        this.nextToSubmit = (int) Math.min(skip, order.size());
        this.resumeSkip = nextToSubmit;
        int threads = options.threads();
        this.allExtractors = new ArrayList<>(threads);
        this.extractors = new ArrayBlockingQueue<>(threads);
        for (int i = 0; i < threads; i++) {
            CommitExtractor x = new CommitExtractor(repo, options);
            allExtractors.add(x);
            extractors.add(x);
        }
        if (threads > 1) {
            int id = STREAMS.incrementAndGet();
            AtomicInteger n = new AtomicInteger();
            this.workers = Executors.newFixedThreadPool(threads, r -> {
                Thread t = new Thread(r, "git-extract-" + id + "-" + n.incrementAndGet());
                t.setDaemon(true);
                return t;
            });
            this.window = threads * AHEAD_PER_THREAD;
        } else {
            this.workers = null;
            this.window = 1;
        }
    }

    /** Number of commits in the walk's order, filtered or not. */
    public long total() {
        return order.size();
    }

    /**
     * The {@code skip} that resumes right after the last commit returned by {@link #next()};
     * once {@link #hasNext()} has returned false, the whole order.
     */
    public long resumeSkip() {
        return resumeSkip;
    }

    @Override
    public boolean hasNext() {
        if (closed) {
            return false;
        }
        while (buffered == null) {
            if (workers == null) {
                if (nextToSubmit >= order.size()) {
                    resumeSkip = order.size();
                    return false;
                }
                int pos = nextToSubmit++;
                buffered = extractAt(pos);
            } else {
                while (inflight.size() < window && nextToSubmit < order.size()) {
                    int pos = nextToSubmit++;
                    inflight.add(workers.submit(() -> extractAt(pos)));
                }
                Future<Positioned> head = inflight.poll();
                if (head == null) {
                    resumeSkip = order.size();
                    return false;
                }
                buffered = await(head);
            }
            if (buffered.commit == null) {
                buffered = null;
            }
        }
        return true;
    }

    @Override
    public GitCommit next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        Positioned p = buffered;
        buffered = null;
        resumeSkip = p.position + 1;
        return p.commit;
    }

    private Positioned extractAt(int pos) {
        ObjectId id = order.id(pos);
        CommitExtractor x;
        try {
            x = extractors.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new GitException("Interrupted while extracting commit " + id.name(), e);
        }
        try {
            return new Positioned(pos, x.extract(id, order.branch(pos)));
        } catch (IOException e) {
            throw new GitException("Cannot read commit " + id.name() + ": " + e.getMessage(), e);
        } finally {
            extractors.add(x);
        }
    }

    private static Positioned await(Future<Positioned> future) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new GitException("Interrupted while waiting for commit extraction", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof GitException ge) {
                throw new GitException(ge.getMessage(), ge);
            }
            throw new GitException("Commit extraction failed: " + cause, cause);
        }
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        // No interrupts: a worker interrupted inside a pack read could leave JGit's shared
        // pack state damaged for other users of the repository. Queued work is cancelled instead.
        inflight.forEach(f -> f.cancel(false));
        inflight.clear();
        if (workers != null) {
            workers.shutdown();
            try {
                workers.awaitTermination(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        allExtractors.forEach(CommitExtractor::close);
    }

    private record Positioned(int position, GitCommit commit) {
    }
}
