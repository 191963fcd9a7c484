package dev.episodic.connect.apilog;

import dev.episodic.connect.common.event.EpisodicEvent;
import dev.episodic.connect.common.task.EventBatch;
import java.time.Instant;
import java.util.Arrays;

/**
 * A run of read-ahead lines in file order, handed between the reading thread and the task thread as one unit
 * (one lock round-trip per chunk, not per line). Its life has three steps:
 * <ol>
 *   <li>the reading thread fills it with lines: their bytes (copied, so the file buffer can move on), where each
 *       came from and the stream's cursor after it;</li>
 *   <li>one thread, whichever claims it first, turns the lines into events ({@link #process}), so parsing is
 *       shared by both threads instead of queueing behind the one that reads;</li>
 *   <li>the task thread drains the events into batches, possibly over several polls.</li>
 * </ol>
 * A chunk is full at {@code capacity} lines or once its bytes reach {@code byteBudget}, so long lines cannot make
 * the read-ahead queue hold more than a few budgets of text. Once drained it is {@link #reset} and filled again:
 * its arrays and byte buffer would otherwise be most of what reading a line allocates.
 */
final class EventChunk implements EventSink {
    private final int byteBudget;
    private final LineOrigin[] origins;
    private final ApiLogFileCursor[] cursors;
    /** File offset of each line's first byte. */
    private final long[] starts;
    /** End of each line in {@link #bytes}; a line starts where the one before it ends. */
    private final int[] ends;
    /** The full length of a line cut at the maximum, -1 for a whole line. */
    private final long[] cutLengths;
    private final EpisodicEvent[] events;
    private Instant ingestedAt;
    private byte[] bytes;
    private int used;
    private int size;
    private int next;
    // Guarded by the read-ahead's lock.
    private boolean claimed;
    private boolean processed;

    EventChunk(final int capacity, final int byteBudget, final Instant ingestedAt) {
        this.ingestedAt = ingestedAt;
        this.byteBudget = byteBudget;
        this.origins = new LineOrigin[capacity];
        this.cursors = new ApiLogFileCursor[capacity];
        this.starts = new long[capacity];
        this.ends = new int[capacity];
        this.cutLengths = new long[capacity];
        this.events = new EpisodicEvent[capacity];
        this.bytes = new byte[initialBytes()];
    }

    private int initialBytes() {
        return Math.min(byteBudget, 64 * 1024);
    }

    /** Empties a drained chunk for the next lines; a buffer grown for very long lines is let go. */
    void reset(final Instant nextIngestedAt) {
        if (next != size) {
            throw new IllegalStateException("chunk reset with " + remaining() + " events not drained");
        }
        ingestedAt = nextIngestedAt;
        if (bytes.length > 2 * byteBudget) {
            bytes = new byte[initialBytes()];
        }
        used = 0;
        size = 0;
        next = 0;
        claimed = false;
        processed = false;
    }

    @Override
    public boolean hasRoom() {
        return size < origins.length && used < byteBudget;
    }

    @Override
    public void add(final LineOrigin origin, final LineReader line, final ApiLogFileCursor cursorAfter) {
        int from = line.lineFrom();
        int length = line.lineTo() - from;
        if (used + length > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(used + length, bytes.length * 2));
        }
        System.arraycopy(line.lineBuf(), from, bytes, used, length);
        used += length;
        origins[size] = origin;
        cursors[size] = cursorAfter;
        starts[size] = line.lineStart();
        ends[size] = used;
        cutLengths[size] = line.truncated() ? line.lineBytes() : -1;
        size++;
    }

    boolean isEmpty() {
        return size == 0;
    }

    /** Claims the chunk for processing; false when another thread already has. Under the read-ahead's lock. */
    boolean claim() {
        if (claimed) {
            return false;
        }
        claimed = true;
        return true;
    }

    /** Under the read-ahead's lock. */
    boolean isProcessed() {
        return processed;
    }

    /** Under the read-ahead's lock, after {@link #process} returned: publishes the events to the task thread. */
    void markProcessed() {
        processed = true;
    }

    /** Turns every line into its event with {@code worker}'s parsers; by the thread that claimed the chunk. */
    void process(final LineWorker worker) {
        int from = 0;
        for (int i = 0; i < size; i++) {
            events[i] = worker.event(origins[i], bytes, from, ends[i], starts[i], cutLengths[i], cursors[i],
                    ingestedAt);
            from = ends[i];
        }
    }

    /** Events processed and not yet drained. */
    int remaining() {
        return size - next;
    }

    /** Moves processed events into {@code batch} while it has room; the references are dropped as they go. */
    void drainTo(final EventBatch batch) {
        while (next < size && batch.hasRoom()) {
            batch.add(origins[next].partition(), cursors[next], events[next]);
            origins[next] = null;
            cursors[next] = null;
            events[next] = null;
            next++;
        }
    }
}
