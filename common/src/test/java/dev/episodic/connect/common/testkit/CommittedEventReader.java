package dev.episodic.connect.common.testkit;

import dev.episodic.connect.common.event.EventJson;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Reads a topic from the beginning with {@code isolation.level=read_committed}: only records of committed
 * transactions, which is what exactly-once promises to consumers. Counts records, never end offsets (those
 * include transaction markers).
 */
public final class CommittedEventReader {
    private final String bootstrapServers;

    CommittedEventReader(final String bootstrapServers) {
        this.bootstrapServers = bootstrapServers;
    }

    /** Reads until at least {@code expected} records arrived, or fails after {@code timeout}. */
    public List<ConsumedEvent> readAtLeast(final String topic, final int expected, final Duration timeout) {
        List<ConsumedEvent> events = readUntil(topic, timeout, list -> list.size() >= expected);
        if (events.size() < expected) {
            throw new AssertionError("Expected at least " + expected + " committed records on " + topic
                    + " within " + timeout + " but read " + events.size());
        }
        return events;
    }

    /**
     * Reads until {@code expected} records arrived and then for {@code settle} longer, to catch any extra
     * (duplicate) record that would arrive late.
     */
    public List<ConsumedEvent> readExactly(final String topic, final int expected, final Duration timeout, final Duration settle) {
        List<ConsumedEvent> events = readAtLeast(topic, expected, timeout);
        long until = System.nanoTime() + settle.toNanos();
        List<ConsumedEvent> all = readUntil(topic, settle.plusSeconds(5), list -> System.nanoTime() > until);
        return all.size() >= events.size() ? all : events;
    }

    /** Everything committed right now (reads until the consumer has caught up with the end). */
    public List<ConsumedEvent> readAll(final String topic) {
        return readUntil(topic, Duration.ofSeconds(30), null);
    }

    private List<ConsumedEvent> readUntil(final String topic, final Duration timeout,
                                          final java.util.function.Predicate<List<ConsumedEvent>> done) {
        List<ConsumedEvent> out = new ArrayList<>();
        long deadline = System.nanoTime() + timeout.toNanos();
        try (KafkaConsumer<byte[], byte[]> consumer = consumer()) {
            List<TopicPartition> partitions = partitions(consumer, topic, deadline);
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    out.add(decode(r));
                }
                if (done != null && done.test(out)) {
                    break;
                }
                if (done == null && caughtUp(consumer, partitions)) {
                    break;
                }
            }
        }
        return out;
    }

    private static boolean caughtUp(final KafkaConsumer<byte[], byte[]> consumer, final List<TopicPartition> partitions) {
        Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
        for (TopicPartition tp : partitions) {
            if (consumer.position(tp) < ends.get(tp)) {
                return false;
            }
        }
        return true;
    }

    private static List<TopicPartition> partitions(final KafkaConsumer<byte[], byte[]> consumer, final String topic,
                                                   final long deadline) {
        while (true) {
            List<PartitionInfo> infos = consumer.partitionsFor(topic, Duration.ofSeconds(5));
            if (infos != null && !infos.isEmpty()) {
                return infos.stream().map(p -> new TopicPartition(topic, p.partition())).collect(Collectors.toList());
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Topic " + topic + " does not exist");
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted", e);
            }
        }
    }

    private static ConsumedEvent decode(final ConsumerRecord<byte[], byte[]> r) {
        Map<String, String> headers = new HashMap<>();
        for (Header h : r.headers()) {
            headers.put(h.key(), h.value() == null ? null : new String(h.value(), StandardCharsets.UTF_8));
        }
        String key = r.key() == null ? null : new String(r.key(), StandardCharsets.UTF_8);
        return new ConsumedEvent(key, headers, EventJson.fromJson(r.value()), r.partition(), r.offset(), r.timestamp());
    }

    /**
     * For failure messages: per partition, the last stable offset (what read_committed consumers may reach) and the
     * high watermark. An LSO stuck below the high watermark means a transaction is still open.
     */
    public String describe(final String topic) {
        StringBuilder out = new StringBuilder();
        try (KafkaConsumer<byte[], byte[]> committed = consumer("read_committed");
             KafkaConsumer<byte[], byte[]> uncommitted = consumer("read_uncommitted")) {
            List<TopicPartition> partitions = partitions(committed, topic, System.nanoTime() + 5_000_000_000L);
            Map<TopicPartition, Long> lso = committed.endOffsets(partitions);
            Map<TopicPartition, Long> hw = uncommitted.endOffsets(partitions);
            Map<TopicPartition, Long> start = committed.beginningOffsets(partitions);
            for (TopicPartition tp : partitions) {
                out.append(tp).append(": start=").append(start.get(tp)).append(" lso=").append(lso.get(tp))
                        .append(" high_watermark=").append(hw.get(tp)).append("; ");
            }
        } catch (RuntimeException | AssertionError e) {
            out.append("cannot describe ").append(topic).append(": ").append(e.getMessage());
        }
        return out.toString();
    }

    private KafkaConsumer<byte[], byte[]> consumer() {
        return consumer("read_committed");
    }

    private KafkaConsumer<byte[], byte[]> consumer(final String isolation) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, isolation);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "5000");
        return new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }
}
