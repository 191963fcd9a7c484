package dev.episodic.client;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;

/**
 * One partition through a {@code read_committed} consumer that has only this partition assigned, counting
 * every fetch and offset lookup into the call's {@link StatsCounter}.
 */
final class ConsumerPartitionLog implements PartitionLog {
    private final Consumer<byte[], byte[]> consumer;
    private final TopicPartition tp;
    private final Duration apiTimeout;
    private final StatsCounter stats;
    private final boolean freshlyAssigned;

    ConsumerPartitionLog(final Consumer<byte[], byte[]> consumer, final TopicPartition tp, final Duration apiTimeout,
                         final StatsCounter stats) {
        this.consumer = consumer;
        this.tp = tp;
        this.apiTimeout = apiTimeout;
        this.stats = stats;
        this.freshlyAssigned = !consumer.assignment().equals(Set.of(tp));
        if (freshlyAssigned) {
            consumer.assign(List.of(tp));
        }
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
        return consumer.endOffsets(List.of(tp), apiTimeout).get(tp);
    }

    @Override
    public void seek(final long offset) {
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
        return records;
    }
}
