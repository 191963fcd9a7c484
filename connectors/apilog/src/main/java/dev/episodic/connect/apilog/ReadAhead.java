package dev.episodic.connect.apilog;

import dev.episodic.connect.common.task.EventBatch;
import java.io.IOException;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a task's files on its own thread, ahead of the task's polls, into a bounded queue of {@link EventChunk}s
 * of lines; the lines of a chunk are parsed into events by whichever of the two threads claims it first. The
 * queue holds at most {@code queueChunks} chunks, so memory does not grow with the files.
 *
 * <p>Why parsing is shared: finding lines is a small part of a line's cost and parsing it and building its event
 * the largest, so a reading thread that also parsed everything set the pace while the task thread, which only
 * turns events into records, waited for it most of the time. Now the reading thread fills the queue with raw
 * chunks and, whenever the queue is full, parses the newest chunk nobody has claimed; the task thread parses the
 * chunk it needs next when nobody has yet, and while it waits for one the reader is parsing it helps with a later
 * one. Both threads stay busy under a backlog, and as they work from opposite ends of the queue the task seldom
 * waits for a chunk in the reader's hands.
 *
 * <p>Offsets stay exact: every event travels with the cursor after its own line, and only events handed to a
 * batch can be committed; what was read ahead and not handed over when the task stops is simply read again by
 * the next task from the committed offset.
 *
 * <p>A poll that finds the queue empty asks for a pass over the files and waits (bounded) until a pass that began
 * after its request has finished, so a line written before a poll is seen by that poll, as without read-ahead.
 * An I/O error on one file backs off that file alone (WARN naming it), the other files go on.
 */
final class ReadAhead implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ReadAhead.class);
    /**
     * Events per chunk. Small enough that a chunk (about 1.5 KB an event) is still in cache when the task thread
     * drains it: 1,024-event chunks measured 15-20 % slower in bench/run.sh than 256.
     */
    static final int CHUNK_EVENTS = 256;
    /** Bytes of line text per chunk at most (one line may pass it): long lines make short chunks, not big ones. */
    static final int CHUNK_BYTES = 256 * 1024;
    static final int QUEUE_CHUNKS = 8;
    /** Chunks one stream may fill in a row before the others get their turn. */
    private static final int CHUNKS_PER_TURN = 4;
    private static final long FIRST_BACKOFF_MS = 500;
    private static final long MAX_BACKOFF_MS = 60_000;

    private final Object lock = new Object();
    private final ArrayDeque<EventChunk> queue = new ArrayDeque<>();
    /** Drained chunks waiting to be filled again. */
    private final ArrayDeque<EventChunk> free = new ArrayDeque<>();
    private final List<Slot> slots = new ArrayList<>();
    private final Clock clock;
    private final int chunkEvents;
    private final int queueChunks;
    private final long idleWaitMs;
    private final Thread thread;
    /** Parses on the reading thread. */
    private final LineWorker readerWorker;
    /** Parses on the task thread (the one calling {@link #drainInto}). */
    private final LineWorker taskWorker;

    // Guarded by lock.
    private long startedPasses;
    private long completedPasses;
    private boolean requested;
    private boolean busy;
    private boolean stopped;
    private Throwable failure;
    /** Chunks parsed by each thread so far (how the work was shared; read by tests and for diagnosis). */
    private long parsedByReader;
    private long parsedByTask;

    /** The chunk the task thread is draining (task thread only). */
    private EventChunk pending;
    private int rotation;

    /** A stream and its back-off after an I/O error. */
    private static final class Slot {
        final LogStream stream;
        long retryAtMs;
        long backoffMs;

        Slot(final LogStream stream) {
            this.stream = stream;
        }
    }

    ReadAhead(final String taskName, final Clock clock, final long idleWaitMs, final Supplier<LineWorker> workers) {
        this(taskName, clock, idleWaitMs, workers, CHUNK_EVENTS, QUEUE_CHUNKS);
    }

    ReadAhead(final String taskName, final Clock clock, final long idleWaitMs, final Supplier<LineWorker> workers,
              final int chunkEvents, final int queueChunks) {
        this.clock = clock;
        this.readerWorker = workers.get();
        this.taskWorker = workers.get();
        this.idleWaitMs = Math.max(1, idleWaitMs);
        this.chunkEvents = chunkEvents;
        this.queueChunks = queueChunks;
        this.thread = new Thread(this::run, "apilog-read-ahead-" + taskName);
        this.thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    /** Hands a newly opened stream to the reader; it is read from the next pass on. */
    void add(final LogStream stream) {
        synchronized (lock) {
            slots.add(new Slot(stream));
            requested = true;
            lock.notifyAll();
        }
    }

    /**
     * Moves read-ahead events into {@code batch} until it is full or nothing more is coming. When nothing is ready
     * at all, waits at most {@code maxWaitMs} for a pass over the files that began after this call. While the
     * reader is working through a backlog (a pass is running, or the last one stopped with more to read), it
     * also waits for the next chunk rather than return a part-filled batch: under a backlog every poll then
     * hands Connect a full batch (one transaction each on an exactly-once worker), and at the tail of a file it
     * returns as soon as the lines written so far are in.
     */
    void drainInto(final EventBatch batch, final long maxWaitMs) throws InterruptedException {
        long target;
        synchronized (lock) {
            requested = true;
            target = startedPasses + 1;
            lock.notifyAll();
        }
        long deadline = System.nanoTime() + maxWaitMs * 1_000_000L;
        while (batch.hasRoom()) {
            if (pending == null) {
                pending = take(batch.isEmpty(), target, deadline);
                if (pending == null) {
                    break;
                }
            }
            pending.drainTo(batch);
            if (pending.remaining() == 0) {
                recycle(pending);
                pending = null;
            }
        }
    }

    /** True when events are queued or the reader's last pass stopped with more to read. */
    boolean hasMore() {
        synchronized (lock) {
            return busy || !queue.isEmpty() || pending != null;
        }
    }

    /** Chunks parsed so far by the reading thread and by the task thread, in that order. */
    long[] chunksParsed() {
        synchronized (lock) {
            return new long[] {parsedByReader, parsedByTask};
        }
    }

    /** The error that ended the reading thread, if any. */
    Throwable failure() {
        synchronized (lock) {
            return failure;
        }
    }

    /** The next chunk in file order, parsed; null when none came in time (or the reader stopped). */
    private EventChunk take(final boolean batchEmpty, final long target, final long deadline)
            throws InterruptedException {
        EventChunk chunk = next(batchEmpty, target, deadline);
        if (chunk == null) {
            return null;
        }
        boolean mine;
        synchronized (lock) {
            mine = chunk.claim();
        }
        if (mine) {
            process(chunk, taskWorker);
            return chunk;
        }
        // The reader is parsing it: help with a later chunk meanwhile, then wait for this one.
        while (true) {
            EventChunk help;
            synchronized (lock) {
                if (chunk.isProcessed()) {
                    return chunk;
                }
                if (stopped || failure != null) {
                    return null;
                }
                help = claimUnparsedOrWait(1);
            }
            if (help != null) {
                process(help, taskWorker);
            }
        }
    }

    /**
     * Under the lock: the oldest queued chunk nobody has claimed, now claimed by the caller (who parses it outside
     * the lock); or, when every queued chunk is claimed, null after waiting at most {@code waitMs} for a change.
     */
    private EventChunk claimUnparsedOrWait(final long waitMs) throws InterruptedException {
        EventChunk chunk = claimUnparsed();
        if (chunk == null) {
            lock.wait(waitMs);
        }
        return chunk;
    }

    /** The oldest queued chunk nobody has claimed, now claimed by the task thread; null if none. Under the lock. */
    private EventChunk claimUnparsed() {
        return claimFirst(queue.iterator());
    }

    /**
     * The newest queued chunk nobody has claimed, now claimed by the reader; null if none. Under the lock. The task
     * thread works from the head of the queue, so the reader working from its tail rarely holds the chunk the task
     * needs next (the task would wait for it), and the chunk it takes is the one it just filled, still in its cache.
     */
    private EventChunk claimNewestUnparsed() {
        return claimFirst(queue.descendingIterator());
    }

    private static EventChunk claimFirst(final Iterator<EventChunk> chunks) {
        while (chunks.hasNext()) {
            EventChunk chunk = chunks.next();
            if (chunk.claim()) {
                return chunk;
            }
        }
        return null;
    }

    /** Parses a claimed chunk outside the lock, then publishes its events under it. */
    private void process(final EventChunk chunk, final LineWorker worker) {
        chunk.process(worker);
        synchronized (lock) {
            if (worker == taskWorker) {
                parsedByTask++;
            } else {
                parsedByReader++;
            }
            chunk.markProcessed();
            lock.notifyAll();
        }
    }

    private EventChunk next(final boolean batchEmpty, final long target, final long deadline)
            throws InterruptedException {
        synchronized (lock) {
            while (true) {
                if (failure != null) {
                    // The reader failed while parsing a chunk that will never be handed over, and queued chunks
                    // may come after it: handing any of them over would skip its lines. Nothing more goes out;
                    // the task fails and its successor reads again from the committed offset.
                    return null;
                }
                EventChunk chunk = queue.poll();
                if (chunk != null) {
                    lock.notifyAll();
                    return chunk;
                }
                long left = deadline - System.nanoTime();
                if (stopped || left <= 0) {
                    return null;
                }
                boolean backlog = busy || startedPasses > completedPasses;
                boolean waitForPass = batchEmpty && completedPasses < target;
                if (!backlog && !waitForPass) {
                    return null;
                }
                lock.wait(Math.max(1, left / 1_000_000L));
            }
        }
    }

    private void run() {
        EventChunk chunk = newChunk();
        try {
            while (true) {
                List<Slot> order;
                synchronized (lock) {
                    if (stopped) {
                        return;
                    }
                    startedPasses++;
                    requested = false;
                    order = new ArrayList<>(slots);
                }
                boolean more = false;
                if (!order.isEmpty()) {
                    rotation = (rotation + 1) % order.size();
                }
                for (int i = 0; i < order.size() && !isStopped(); i++) {
                    Slot slot = order.get((rotation + i) % order.size());
                    long now = clock.millis();
                    if (now < slot.retryAtMs) {
                        continue;
                    }
                    int chunks = 0;
                    try {
                        while (true) {
                            boolean streamMore = slot.stream.poll(chunk);
                            if (chunk.hasRoom()) {
                                more |= streamMore;
                                break;
                            }
                            if (!publish(chunk)) {
                                return;
                            }
                            chunk = newChunk();
                            if (++chunks >= CHUNKS_PER_TURN) {
                                more = true;
                                break;
                            }
                        }
                        slot.backoffMs = 0;
                    } catch (IOException e) {
                        slot.backoffMs = slot.backoffMs == 0 ? FIRST_BACKOFF_MS
                                : Math.min(MAX_BACKOFF_MS, slot.backoffMs * 2);
                        slot.retryAtMs = clock.millis() + slot.backoffMs;
                        LOG.warn("{}: reading {} failed ({}); retrying this file in {} ms, the other files go on. "
                                + "Check that the worker's user can still read it and that its disk is healthy.",
                                slot.stream.name(), slot.stream.path(), e, slot.backoffMs);
                    }
                }
                if (!chunk.isEmpty()) {
                    if (!publish(chunk)) {
                        return;
                    }
                    chunk = newChunk();
                }
                if (!more) {
                    helpWithQueued();
                }
                synchronized (lock) {
                    completedPasses++;
                    busy = more;
                    lock.notifyAll();
                    if (!more && !requested && !stopped) {
                        lock.wait(idleWaitMs);
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException | Error e) {
            LOG.error("{}: reading the log files failed: {}", thread.getName(), e, e);
            synchronized (lock) {
                failure = e;
                lock.notifyAll();
            }
        }
    }

    /** A drained chunk for the reader to fill again (or a new one): reuse keeps reading from allocating. */
    private EventChunk newChunk() {
        EventChunk reused;
        synchronized (lock) {
            reused = free.poll();
        }
        if (reused == null) {
            return new EventChunk(chunkEvents, CHUNK_BYTES, clock.instant());
        }
        reused.reset(clock.instant());
        return reused;
    }

    /**
     * Takes back a chunk the task thread has drained. A poll drains many chunks at once and the reader takes them
     * back one at a time, so the pool keeps as many as can be in flight (the queue, the one being filled and the
     * one being drained).
     */
    private void recycle(final EventChunk drained) {
        synchronized (lock) {
            if (free.size() < queueChunks + 2) {
                free.add(drained);
            }
        }
    }

    /**
     * At the end of a pass with nothing more to read: parses what is queued and unclaimed, newest first, before
     * going idle.
     */
    private void helpWithQueued() {
        while (true) {
            EventChunk help;
            synchronized (lock) {
                help = stopped ? null : claimNewestUnparsed();
            }
            if (help == null) {
                return;
            }
            process(help, readerWorker);
        }
    }

    private boolean isStopped() {
        synchronized (lock) {
            return stopped;
        }
    }

    /**
     * Queues a chunk; while the queue is full the reader parses queued chunks nobody has claimed, newest first, and
     * waits only when every one is claimed. False when stopped meanwhile.
     */
    private boolean publish(final EventChunk chunk) throws InterruptedException {
        while (true) {
            EventChunk help;
            synchronized (lock) {
                if (stopped) {
                    return false;
                }
                if (queue.size() < queueChunks) {
                    queue.add(chunk);
                    lock.notifyAll();
                    return true;
                }
                help = claimNewestUnparsed();
                if (help == null) {
                    lock.wait(100);
                }
            }
            if (help != null) {
                process(help, readerWorker);
            }
        }
    }

    /** Ends the reading thread (waiting for it) and closes every file. */
    @Override
    public void close() {
        synchronized (lock) {
            stopped = true;
            lock.notifyAll();
        }
        if (thread.isAlive() && thread != Thread.currentThread()) {
            try {
                thread.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (thread.isAlive()) {
                LOG.warn("{} did not end within 5 s (blocked in file I/O?); closing its files under it",
                        thread.getName());
            }
        }
        synchronized (lock) {
            slots.forEach(slot -> slot.stream.close());
            slots.clear();
            queue.clear();
        }
        pending = null;
    }

    boolean isAlive() {
        return thread.isAlive();
    }
}
