package dev.episodic.client;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;

/**
 * One partition through a {@code read_committed} consumer on which every partition of the topic is assigned and
 * all but this one paused, counting every fetch and offset lookup into the call's {@link StatsCounter}.
 *
 * <p>Why assign them all and pause: a reader moves between partitions from call to call, and changing a
 * consumer's assignment makes it tear down and rebuild its per-partition fetch metrics and fetch session, which
 * cost as much as the read's own fetch. Pausing and resuming leaves the assignment alone; a paused partition is
 * never fetched, and the active one is always sought before it is read, so nothing fetched for it earlier is
 * returned.
 */
final class ConsumerPartitionLog implements PartitionLog {
    private final Consumer<byte[], byte[]> consumer;
    private final TopicPartition tp;
    private final Duration apiTimeout;
    private final StatsCounter stats;
    private final KnownEnds knownEnds;
    private final int partitionCount;
    /** True when the partition was not the consumer's active one before this call: it must be sought. */
    private final boolean freshlyAssigned;
    /** True once this log sought to a new position: fetches from then on were sent during this call. */
    private boolean sought;
    private OptionalLong fetchedEnd = OptionalLong.empty();

    ConsumerPartitionLog(final Consumer<byte[], byte[]> consumer, final TopicPartition tp, final Duration apiTimeout,
                         final StatsCounter stats, final KnownEnds knownEnds, final int partitionCount) {
        this.consumer = consumer;
        this.tp = tp;
        this.apiTimeout = apiTimeout;
        this.stats = stats;
        this.knownEnds = knownEnds;
        this.partitionCount = partitionCount;
        this.freshlyAssigned = activate();
    }

    /** Makes {@link #tp} the only fetchable partition; true when it was not already. */
    private boolean activate() {
        List<TopicPartition> all = allPartitions();
        Set<TopicPartition> assigned = consumer.assignment();
        if (assigned.size() != all.size() || !assigned.containsAll(all)) {
            consumer.assign(all);
            pauseAllBut(all);
            return true;
        }
        Set<TopicPartition> paused = consumer.paused();
        if (!paused.contains(tp) && paused.size() == all.size() - 1) {
            return false;
        }
        pauseAllBut(all);
        consumer.resume(List.of(tp));
        return true;
    }

    /** Every partition of the topic, in partition order. */
    private List<TopicPartition> allPartitions() {
        List<TopicPartition> all = new ArrayList<>(partitionCount);
        for (int p = 0; p < partitionCount; p++) {
            all.add(new TopicPartition(tp.topic(), p));
        }
        return all;
    }

    private void pauseAllBut(final List<TopicPartition> all) {
        List<TopicPartition> others = new ArrayList<>(all);
        others.remove(tp);
        consumer.pause(others);
    }

    @Override
    public void moveTo(final long offset) {
        // A partition kept from the last call has a position (every call seeks); a new one has none yet.
        if (freshlyAssigned || position() != offset) {
            seek(offset);
        }
    }

    @Override
    public String topic() {
        return tp.topic();
    }

    @Override
    public int partition() {
        return tp.partition();
    }

    @Override
    public long beginOffset() {
        stats.offsetLookups++;
        return consumer.beginningOffsets(List.of(tp), apiTimeout).get(tp);
    }

    @Override
    public long endOffset() {
        // Under read_committed this is the last stable offset, not the high watermark.
        stats.offsetLookups++;
        long end = consumer.endOffsets(List.of(tp), apiTimeout).get(tp);
        knownEnds.learn(tp, end);
        return end;
    }

    @Override
    public long endHint() {
        OptionalLong known = knownEnds.get(tp);
        if (known.isPresent() && known.getAsLong() > 0) {
            return known.getAsLong();
        }
        // Never seen (or empty when seen): ask, and learn every partition's end in the same request, so that
        // the first read of each other partition needs no lookup of its own.
        stats.offsetLookups++;
        Map<TopicPartition, Long> ends = consumer.endOffsets(allPartitions(), apiTimeout);
        knownEnds.learnAll(ends);
        return ends.get(tp);
    }

    @Override
    public OptionalLong fetchedEnd() {
        return fetchedEnd;
    }

    @Override
    public void seek(final long offset) {
        // Seeking elsewhere makes the consumer drop what it fetched ahead for the old position, so every fetch
        // after this one is sent now, and the committed end it reports is no older than this call.
        if (freshlyAssigned || position() != offset) {
            sought = true;
        }
        consumer.seek(tp, offset);
    }

    @Override
    public long position() {
        return consumer.position(tp, apiTimeout);
    }

    @Override
    public List<ConsumerRecord<byte[], byte[]>> poll(final Duration timeout) {
        long before = position();
        List<ConsumerRecord<byte[], byte[]>> records = consumer.poll(timeout).records(tp);
        if (!records.isEmpty() || position() != before) {
            stats.fetches++;
        } else {
            stats.idlePolls++;
        }
        stats.recordsExamined += records.size();
        if (sought) {
            OptionalLong lag = consumer.currentLag(tp);
            if (lag.isPresent()) {
                long end = position() + lag.getAsLong();
                fetchedEnd = OptionalLong.of(end);
                knownEnds.learn(tp, end);
            }
        }
        return records;
    }
}
