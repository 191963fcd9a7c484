package dev.episodic.client;

import java.time.Duration;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * The reader's three operations on one stream's partition: a bounded read, the latest sequence, and a
 * long-polling follow. Holds no consumer of its own; {@link EpisodicStreamReader} builds one per call.
 */
final class StreamScanner {
    /** Below this many offsets a forward read beats another probe: about one poll's worth of records. */
    static final long LINEAR_SPAN = 256;
    /** The first backward window of latestSequence; it doubles while the stream is not met. */
    static final long TAIL_WINDOW = 512;

    private final PartitionLog log;
    private final StreamRecords records;
    private final GapPolicy gapPolicy;
    private final StatsCounter stats;
    private final ResumeHints hints;
    private final Duration pollTimeout;
    private final Duration apiTimeout;

    StreamScanner(final PartitionLog log, final StreamRecords records, final GapPolicy gapPolicy,
                  final StatsCounter stats, final ResumeHints hints, final Duration pollTimeout, final Duration apiTimeout) {
        this.log = log;
        this.records = records;
        this.gapPolicy = gapPolicy;
        this.stats = stats;
        this.hints = hints;
        this.pollTimeout = pollTimeout;
        this.apiTimeout = apiTimeout;
    }

    /**
     * The committed end this read stops at is learned as cheaply as it can be: the reader's last known end of the
     * partition is only where the search probes first, and the probe's own fetch reports the end as it is now.
     * A hint that turns out stale by more than a span is searched again up to the fresh end; when the read
     * reaches an end no fetch of this call has confirmed, it asks the broker. So a read of recent events costs one
     * fetch and no lookup once the reader knows the partition, and it never misses what was committed before
     * it began. The end is refreshed at most once: one call, one consistent snapshot.
     */
    List<StreamEvent> read(final long after, final long before, final int limit) {
        Deadline deadline = new Deadline(apiTimeout);
        if (before <= after + 1) {
            return List.of();
        }
        long end = log.endHint();
        if (end == 0) {
            return List.of();
        }
        OffsetSearch.Start start = start(after, end, deadline);
        long fetched = log.fetchedEnd().orElse(end);
        if (fetched > end + LINEAR_SPAN) {
            end = fetched;
            start = start(after, end, deadline);
        }
        boolean confirmed = log.fetchedEnd().isPresent();
        end = Math.max(end, log.fetchedEnd().orElse(end));
        SequenceCollector collector = new SequenceCollector(records, after, before, limit, gapPolicy, stats);
        List<ConsumerRecord<byte[], byte[]>> batch = position(start);
        reading:
        while (true) {
            for (ConsumerRecord<byte[], byte[]> r : batch) {
                if (r.offset() >= end && !confirmed) {
                    end = Math.max(end, confirmedEnd());
                    confirmed = true;
                }
                if (r.offset() >= end || collector.offer(r)) {
                    break reading;
                }
            }
            if (collector.done()) {
                break;
            }
            if (log.position() >= end) {
                if (confirmed) {
                    break;
                }
                end = Math.max(end, confirmedEnd());
                confirmed = true;
                if (log.position() >= end) {
                    break;
                }
            }
            batch = log.poll(pollTimeout);
            deadline.check("reading stream " + records.stream() + " of " + log.topic() + "-" + log.partition());
        }
        remember(collector);
        return collector.events();
    }

    /** The end a fetch of this call reported, or the broker's answer when no fetch has yet. */
    private long confirmedEnd() {
        return log.fetchedEnd().isPresent() ? log.fetchedEnd().getAsLong() : log.endOffset();
    }

    long latestSequence() {
        Deadline deadline = new Deadline(apiTimeout);
        long begin = log.beginOffset();
        long hi = log.endOffset();
        long window = TAIL_WINDOW;
        // Backwards from the end in doubling windows: a busy stream is met in the first one, a rare one after
        // log2(partition / window) windows at most, and an absent one costs one pass over the partition.
        while (hi > begin) {
            long lo = Math.max(begin, hi - window);
            long latest = maxSequenceIn(lo, hi, deadline);
            if (latest >= 0) {
                return latest;
            }
            hi = lo;
            window *= 2;
        }
        return 0;
    }

    /**
     * Finds the start with this scanner's log, then waits on {@code waitLog}: a consumer whose fetches wait at
     * the broker (fetch.max.wait.ms) until committed data arrives, so the poll blocks without spinning until a
     * record comes or the wait is over. The seeking log's fetches never wait (see EpisodicStreamReader).
     */
    List<StreamEvent> follow(final long after, final Duration wait, final int limit, final PartitionLog waitLog) {
        Deadline waitEnds = new Deadline(wait);
        Deadline deadline = new Deadline(apiTimeout.plus(wait));
        long end = log.endOffset();
        SequenceCollector collector = new SequenceCollector(records, after, Long.MAX_VALUE, limit, gapPolicy, stats);
        if (end > 0) {
            OffsetSearch.Start start = start(after, end, deadline);
            offerAll(position(start), collector, Long.MAX_VALUE);
            if (!collector.isEmpty() || collector.done()) {
                remember(collector);
                return collector.events();
            }
            waitLog.moveTo(start.buffered() == null ? start.offset() : log.position());
        } else {
            waitLog.moveTo(0);
        }
        while (true) {
            Duration remaining = waitEnds.remaining();
            offerAll(waitLog.poll(remaining), collector, Long.MAX_VALUE);
            if (!collector.isEmpty() || collector.done() || waitEnds.expired()) {
                break;
            }
        }
        remember(collector);
        return collector.events();
    }

    /** Seeks to the start unless the search left the log there; returns the records already in hand. */
    private List<ConsumerRecord<byte[], byte[]>> position(final OffsetSearch.Start start) {
        if (start.buffered() == null) {
            log.seek(start.offset());
            return List.of();
        }
        return start.buffered();
    }

    /** Offers records below {@code end} until the collector wants no more; true once it is done or end is met. */
    private static boolean offerAll(final List<ConsumerRecord<byte[], byte[]>> batch, final SequenceCollector collector,
                                    final long end) {
        for (ConsumerRecord<byte[], byte[]> r : batch) {
            if (r.offset() >= end || collector.offer(r)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The log start is not looked up: offsets below it hold nothing, and a probe or read sent there is moved to
     * the start by the consumer (auto.offset.reset=earliest). Episodic topics keep their history
     * (retention.ms=-1), so that costs nothing in practice and saves a request on every read.
     */
    private OffsetSearch.Start start(final long after, final long end, final Deadline deadline) {
        long lo = 0;
        long loNext = 1; // sequences start at 1
        long hi = end;
        long hiSeq = -1;
        ResumeHints.Hint hint = hints.get(records.stream());
        if (hint != null && hint.partition() == log.partition() && hint.offset() < end) {
            if (hint.sequence() == after) {
                // Continuing where the last call stopped (the next page, the next follow): read on from there,
                // as a plain consumer would, without a single probe.
                return OffsetSearch.Start.seek(hint.offset() + 1);
            } else if (hint.sequence() < after) {
                lo = hint.offset() + 1;
                loNext = hint.sequence() + 1;
            } else {
                hi = hint.offset();
                hiSeq = hint.sequence();
            }
        }
        return new OffsetSearch(log, records, stats, LINEAR_SPAN, pollTimeout).startOffset(after, lo, loNext, hi, hiSeq, deadline);
    }

    /** Highest sequence of the stream among the records in [lo, hi), or -1 when it has none there. */
    private long maxSequenceIn(final long lo, final long hi, final Deadline deadline) {
        long max = -1;
        long maxOffset = -1;
        log.seek(lo);
        while (log.position() < hi) {
            for (ConsumerRecord<byte[], byte[]> r : log.poll(pollTimeout)) {
                if (r.offset() >= hi) {
                    break;
                }
                if (records.matches(r)) {
                    long seq = records.sequence(r);
                    if (seq > max) {
                        max = seq;
                        maxOffset = r.offset();
                    }
                }
            }
            deadline.check("looking for the latest sequence of " + records.stream());
        }
        if (max >= 0) {
            hints.put(records.stream(), new ResumeHints.Hint(log.partition(), max, maxOffset));
        }
        return max;
    }

    private void remember(final SequenceCollector collector) {
        ResumeHints.Hint hint = collector.lastHint(log.partition());
        if (hint != null) {
            hints.put(records.stream(), hint);
        }
    }
}
