package dev.episodic.client;

import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Takes a stream's records in offset order and keeps the events with after &lt; sequence &lt; before, at most
 * {@code limit}, checking each sequence: the first kept event must be after + 1 and each next one the previous
 * plus one. A sequence at or below the last kept one is a repeat (at-least-once delivery) and is dropped; a jump
 * is a gap and goes to the {@link GapPolicy} before the event after it is kept.
 */
final class SequenceCollector {
    private static final long NONE = Long.MIN_VALUE;

    private final StreamRecords records;
    private final long after;
    private final long before;
    private final int limit;
    private final GapPolicy gapPolicy;
    private final StatsCounter stats;
    private final List<StreamEvent> events = new ArrayList<>();
    private long last = NONE;
    private long lastOffset = -1;
    private boolean done;

    SequenceCollector(final StreamRecords records, final long after, final long before, final int limit,
                      final GapPolicy gapPolicy, final StatsCounter stats) {
        this.records = records;
        this.after = after;
        this.before = before;
        this.limit = limit;
        this.gapPolicy = gapPolicy;
        this.stats = stats;
    }

    /** Offers one record of any stream; returns true once nothing more is wanted. */
    boolean offer(final ConsumerRecord<byte[], byte[]> r) {
        if (done || !records.matches(r)) {
            return done;
        }
        long seq = records.sequence(r);
        if (last == NONE && seq <= after) {
            // Before the requested range: not a repeat, just where the read started.
            return false;
        }
        if (last != NONE && seq <= last) {
            stats.duplicatesDropped++;
            return false;
        }
        long expected = last == NONE ? after + 1 : last + 1;
        // Only sequences inside the requested range count as missing: before = 5 and #7 next is no gap.
        if (seq > expected && expected < before) {
            stats.gaps++;
            gapPolicy.onGap(new SequenceGap(records.stream(), expected, seq, r.topic(), r.partition(), r.offset()));
        }
        if (seq >= before) {
            done = true;
            return true;
        }
        events.add(records.decode(r, seq));
        last = seq;
        lastOffset = r.offset();
        done = events.size() >= limit;
        return done;
    }

    boolean done() {
        return done;
    }

    List<StreamEvent> events() {
        return List.copyOf(events);
    }

    boolean isEmpty() {
        return events.isEmpty();
    }

    /** Sequence and offset of the last kept event, for the resume hint; null when none was kept. */
    ResumeHints.Hint lastHint(final int partition) {
        return last == NONE ? null : new ResumeHints.Hint(partition, last, lastOffset);
    }
}
