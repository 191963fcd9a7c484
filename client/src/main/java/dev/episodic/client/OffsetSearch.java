package dev.episodic.client;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Finds where a read of "sequences after {@code after}" must start without scanning the partition.
 *
 * <p>Inside its partition a stream's sequence grows with the offset, so "the stream's first record at or after
 * offset o has a sequence above {@code after}" is false and then true along the partition. The search keeps a
 * bracket [lo, hi) with the invariant <em>every record of the stream below {@code lo} has sequence &le;
 * after</em>, and probes an offset x in it: seek there and read forward to the first record of the stream
 * (other streams share the partition; transaction markers and aborted records take offsets but never show up).
 * <ul>
 *   <li>the probe meets the stream at q with sequence s &le; after: lo = q + 1 (and the stream's next record
 *       from lo on has a sequence &ge; s + 1);</li>
 *   <li>it meets it with a sequence above after, or reaches hi without meeting it: hi = x (whatever the read
 *       needs lies below x, or at the stream's first record from x on, which a forward read from lo reaches).</li>
 * </ul>
 * Each probe shrinks the bracket strictly, so the search ends. Where to probe:
 * <ol>
 *   <li>The first probe goes to the last {@code span} offsets (reads of recent events, the usual case, end
 *       there). Should it not meet the stream, the next ones step down by doubling strides until one does.</li>
 *   <li>Sequences are dense (+1 per event): with a sequence at both ends the offset of {@code after + 1} is
 *       interpolated between them (aiming two events low).</li>
 *   <li>From that estimate the search gallops towards the target (strides of span, 2·span, 4·span, …) until
 *       a probe lands on the other side of it, then bisects the last stride.</li>
 * </ol>
 * Recent events need one probe, the middle of an evenly interleaved stream three to seven; the worst case (streams written in bursts, sparse
 * streams: the estimate is useless) is the gallop plus the bisection, about 2·log2(width / span) + 3 probes.
 * Once the bracket is no wider than {@code span} (about one poll's worth of
 * records) a forward read from lo is cheaper than another probe. The result lo is always a correct start: the
 * forward read skips the stream's records with sequence &le; after, and the invariant says none above after
 * lies before lo.
 */
final class OffsetSearch {
    private static final long UNKNOWN = -1;
    /** Brackets up to this many spans wide are narrow enough to trust their density (see closeEnough). */
    private static final long LOCAL = 16;

    private final PartitionLog log;
    private final StreamRecords records;
    private final StatsCounter stats;
    private final long span;
    private final Duration pollTimeout;
    private ProbeRead lastProbe;

    OffsetSearch(final PartitionLog log, final StreamRecords records, final StatsCounter stats, final long span,
                 final Duration pollTimeout) {
        this.log = log;
        this.records = records;
        this.stats = stats;
        this.span = Math.max(1, span);
        this.pollTimeout = pollTimeout;
    }

    /**
     * The offset in [lo, hi] from which a forward read finds every event with sequence above {@code after}.
     * {@code loNext}: a lower bound of the sequence of the stream's first record at or after lo (1 at the log
     * start); {@code hiSeq}: the sequence of its first record at or after hi, or -1 when not known.
     */
    Start startOffset(final long after, final long lo0, final long loNext0, final long hi0, final long hiSeq0,
                      final Deadline deadline) {
        long lo = lo0;
        long loNext = loNext0;
        long hi = hi0;
        long hiSeq = hiSeq0;
        boolean tailFirst = hiSeq == UNKNOWN;
        Step step = tailFirst ? Step.GALLOP_DOWN : Step.INTERPOLATE;
        long stride = span;
        while (hi - lo > span && !closeEnough(after, lo, loNext, hi, hiSeq)) {
            if (step == Step.INTERPOLATE && (hiSeq == UNKNOWN || hiSeq <= loNext)) {
                step = Step.BISECT;
            }
            long x = switch (step) {
                case GALLOP_DOWN -> Math.max(lo, hi - stride);
                case GALLOP_UP -> Math.min(hi - 1, lo + stride);
                case INTERPOLATE -> interpolate(after + 1, lo, loNext, hi, hiSeq);
                case BISECT -> lo + (hi - lo) / 2;
            };
            stats.probes++;
            Probe p = probe(x, hi, deadline);
            boolean loMoved = p != null && p.sequence <= after;
            if (loMoved) {
                lo = p.offset + 1;
                loNext = p.sequence + 1;
            } else {
                hi = x;
                if (p != null) {
                    hiSeq = p.sequence;
                }
            }
            switch (step) {
                case INTERPOLATE -> {
                    // Gallop away from the estimate on the side the target must be, doubling the stride, until
                    // the target is bracketed; then bisect what is left.
                    step = loMoved ? Step.GALLOP_UP : Step.GALLOP_DOWN;
                    stride = span;
                }
                case GALLOP_UP -> {
                    if (loMoved) {
                        stride *= 2;
                    } else {
                        step = Step.BISECT;
                    }
                }
                case GALLOP_DOWN -> {
                    if (loMoved) {
                        step = Step.BISECT;
                    } else if (tailFirst && hiSeq != UNKNOWN) {
                        // The tail probe gave the upper end a sequence: interpolation can start.
                        step = Step.INTERPOLATE;
                        tailFirst = false;
                    } else {
                        stride *= 2;
                    }
                }
                case BISECT -> {
                }
            }
        }
        return Start.at(lo, lastProbe);
    }

    private enum Step { GALLOP_DOWN, GALLOP_UP, INTERPOLATE, BISECT }

    /**
     * Where the forward read starts. When the last probe already read past that offset, its records from there
     * on ride along ({@code buffered}) and the log stands right after them: the read goes on without a seek and
     * without fetching them again. Otherwise {@code buffered} is null and the reader must seek to the offset.
     */
    record Start(long offset, List<ConsumerRecord<byte[], byte[]>> buffered) {
        static Start seek(final long offset) {
            return new Start(offset, null);
        }

        private static Start at(final long offset, final ProbeRead last) {
            if (last == null || offset < last.from || offset > last.to) {
                return seek(offset);
            }
            List<ConsumerRecord<byte[], byte[]>> rest = new ArrayList<>();
            for (ConsumerRecord<byte[], byte[]> r : last.records) {
                if (r.offset() >= offset) {
                    rest.add(r);
                }
            }
            return new Start(offset, rest);
        }
    }

    /** What the last probe read: every record in [from, to), the log standing at {@code to}. */
    private record ProbeRead(long from, long to, List<ConsumerRecord<byte[], byte[]>> records) {
    }

    /**
     * True when a forward read from lo is expected to reach {@code after + 1} within half a span: the stream's
     * next record from lo is already past {@code after}, or a narrow bracket (at most {@link #LOCAL} spans, so
     * its density says something about the neighbourhood) puts the target that close to lo. A wrong estimate
     * costs at most a forward read over the narrow bracket.
     */
    private boolean closeEnough(final long after, final long lo, final long loNext, final long hi, final long hiSeq) {
        if (loNext > after) {
            return true;
        }
        if (hiSeq == UNKNOWN || hiSeq <= loNext || hi - lo > LOCAL * span) {
            return false;
        }
        double offsetsPerEvent = (double) (hi - lo) / (hiSeq - loNext);
        return (after + 1 - loNext) * offsetsPerEvent <= span / 2.0;
    }

    /** Where sequence {@code target} should sit if the stream's events were spread evenly over [lo, hi). */
    private static long interpolate(final long target, final long lo, final long loNext, final long hi, final long hiSeq) {
        double offsetsPerEvent = (double) (hi - lo) / (hiSeq - loNext);
        // Aim two events early: landing just before the target costs one short forward read, landing after it
        // costs another probe.
        double x = lo + (target - loNext - 2) * offsetsPerEvent;
        return Math.max(lo, Math.min(hi - 1, (long) x));
    }

    private record Probe(long offset, long sequence) {
    }

    /** The first record of the stream in [from, hi), or null when there is none. */
    private Probe probe(final long from, final long hi, final Deadline deadline) {
        log.seek(from);
        List<ConsumerRecord<byte[], byte[]>> seen = new ArrayList<>();
        try {
            while (true) {
                List<ConsumerRecord<byte[], byte[]>> batch = log.poll(pollTimeout);
                seen.addAll(batch);
                for (ConsumerRecord<byte[], byte[]> r : batch) {
                    if (r.offset() >= hi) {
                        return null;
                    }
                    if (records.matches(r)) {
                        return new Probe(r.offset(), records.sequence(r));
                    }
                }
                if (log.position() >= hi) {
                    return null;
                }
                deadline.check("seeking stream " + records.stream() + " in " + log.topic() + "-" + log.partition());
            }
        } finally {
            lastProbe = new ProbeRead(from, log.position(), seen);
        }
    }
}
