package dev.episodic.client;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;

/**
 * A partition in memory as a read_committed consumer sees it: data records, and offsets taken by transaction
 * markers or aborted records that polls skip (moving the position without returning them). Polls return at most
 * {@code maxPollRecords} and count into the same {@link StatsCounter} fields the real log does.
 */
final class FakePartitionLog implements PartitionLog {
    static final String TOPIC = "fake";

    private final List<ConsumerRecord<byte[], byte[]>> slots = new ArrayList<>();
    private final int maxPollRecords;
    private StatsCounter stats = new StatsCounter();
    private long begin;
    private long position;
    private int seeks;

    FakePartitionLog(final int maxPollRecords) {
        this.maxPollRecords = maxPollRecords;
    }

    FakePartitionLog event(final String stream, final long sequence) {
        String json = "{\"event_id\":\"" + stream + ":" + sequence + "\",\"stream\":\"" + stream + "\",\"sequence\":"
                + sequence + ",\"event_type\":\"test\",\"occurred_at\":" + (1_700_000_000_000L + sequence) + "}";
        RecordHeaders headers = new RecordHeaders();
        headers.add(EnvelopeFields.HEADER_STREAM, stream.getBytes(StandardCharsets.UTF_8));
        headers.add(EnvelopeFields.HEADER_SEQUENCE, Long.toString(sequence).getBytes(StandardCharsets.UTF_8));
        return raw(stream.getBytes(StandardCharsets.UTF_8), json.getBytes(StandardCharsets.UTF_8), headers);
    }

    FakePartitionLog raw(final byte[] key, final byte[] value, final RecordHeaders headers) {
        long offset = slots.size();
        slots.add(new ConsumerRecord<>(TOPIC, 0, offset, 1_700_000_000_000L + offset, TimestampType.CREATE_TIME,
                key == null ? -1 : key.length, value == null ? -1 : value.length, key, value, headers,
                java.util.Optional.empty()));
        return this;
    }

    /** An offset a read_committed consumer never returns: a commit/abort marker or an aborted record. */
    FakePartitionLog hidden(final int count) {
        for (int i = 0; i < count; i++) {
            slots.add(null);
        }
        return this;
    }

    /** Log start moves (retention deleted everything below). */
    FakePartitionLog truncateBefore(final long offset) {
        begin = offset;
        return this;
    }

    void useStats(final StatsCounter counter) {
        this.stats = counter;
    }

    int seeks() {
        return seeks;
    }

    @Override
    public String topic() {
        return TOPIC;
    }

    @Override
    public int partition() {
        return 0;
    }

    @Override
    public long beginOffset() {
        stats.offsetLookups++;
        return begin;
    }

    @Override
    public long endOffset() {
        stats.offsetLookups++;
        return slots.size();
    }

    @Override
    public void seek(final long offset) {
        seeks++;
        position = Math.max(offset, begin);
    }

    @Override
    public long position() {
        return position;
    }

    @Override
    public List<ConsumerRecord<byte[], byte[]>> poll(final Duration timeout) {
        List<ConsumerRecord<byte[], byte[]>> out = new ArrayList<>();
        long before = position;
        while (position < slots.size() && out.size() < maxPollRecords) {
            ConsumerRecord<byte[], byte[]> r = slots.get((int) position++);
            if (r != null) {
                out.add(r);
            }
        }
        if (out.isEmpty() && position == before) {
            stats.idlePolls++;
            sleep(timeout);
        } else {
            stats.fetches++;
        }
        stats.recordsExamined += out.size();
        return out;
    }

    private static void sleep(final Duration d) {
        try {
            Thread.sleep(Math.min(d.toMillis(), 50));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
