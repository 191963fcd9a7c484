package dev.episodic.cli.tail;

import dev.episodic.connect.common.event.EpisodicEvent;
import dev.episodic.connect.common.event.EventJson;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every stream of a topic (tail without {@code --stream}): reads the topic from the start with
 * {@code isolation.level=read_committed} (only events of committed transactions) and hands each event in range
 * to a callback, either up to the end as it stands now or for as long as the caller wants ({@code follow}). No
 * consumer group: nothing is committed, every tail sees everything. One stream is read by {@link StreamTail}.
 */
public final class CommittedTail implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(CommittedTail.class);

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final String topic;
    private final String stream;
    private final long after;

    /** A tail of {@code stream} (null: every stream) from sequence {@code after} for {@link #run(boolean, Duration, BooleanSupplier, Consumer)}. */
    public CommittedTail(final String bootstrap, final String topic, final String stream, final long after) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, "episodic-tail");
        // Reading must never create a topic (a typo in --topic would otherwise make an empty one).
        props.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, "false");
        this.consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        this.topic = topic;
        this.stream = stream;
        this.after = after;
    }

    /**
     * Reads and calls {@code sink} per event of the stream given to the constructor (every stream if none) with
     * a sequence after the constructor's {@code after}. Without {@code follow} it returns once it has read up to
     * the committed end as it was when reading began; with it, it returns when {@code keepGoing} says stop.
     * Waits up to {@code topicWait} for the topic to appear.
     */
    public long run(final boolean follow, final Duration topicWait, final BooleanSupplier keepGoing,
                    final Consumer<EpisodicEvent> sink) {
        return run(new TailRange(after, TailRange.NO_BOUND, TailRange.NO_BOUND), follow, null, topicWait, keepGoing, sink);
    }

    /**
     * Reads and calls {@code sink} per event in {@code range} (of the constructor's stream, if one was given; the
     * constructor's {@code after} is not used here), at most {@code range.limit()}. Without
     * {@code follow} it returns once it has read up to the committed end as it was when reading began; with it,
     * it returns when {@code keepGoing} says stop or, given {@code idleWait}, when no event in range came for
     * that long. Waits up to {@code topicWait} for the topic to appear.
     */
    long run(final TailRange range, final boolean follow, final Duration idleWait, final Duration topicWait,
                    final BooleanSupplier keepGoing, final Consumer<EpisodicEvent> sink) {
        List<TopicPartition> partitions = awaitPartitions(topicWait, keepGoing);
        if (partitions.isEmpty()) {
            return 0;
        }
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        Map<TopicPartition, Long> end = follow ? Map.of() : consumer.endOffsets(partitions);
        long printed = 0;
        long lastEvent = System.nanoTime();
        try {
            while (keepGoing.getAsBoolean() && printed < range.limit()) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(300))) {
                    EpisodicEvent event = decode(r);
                    if (event != null && (stream == null || stream.equals(event.stream())) && range.contains(event.sequence())) {
                        sink.accept(event);
                        lastEvent = System.nanoTime();
                        if (++printed >= range.limit()) {
                            break;
                        }
                    }
                }
                if (!follow && reached(end)) {
                    break;
                }
                if (follow && idleWait != null && System.nanoTime() - lastEvent >= idleWait.toNanos()) {
                    break;
                }
            }
        } catch (WakeupException stopped) {
            // close() from another thread (Ctrl-C): return what was read.
        }
        return printed;
    }

    /** Interrupts a {@link #run} blocked in poll; safe from any thread. */
    public void wakeup() {
        consumer.wakeup();
    }

    private boolean reached(final Map<TopicPartition, Long> end) {
        for (Map.Entry<TopicPartition, Long> e : end.entrySet()) {
            if (consumer.position(e.getKey()) < e.getValue()) {
                return false;
            }
        }
        return true;
    }

    private EpisodicEvent decode(final ConsumerRecord<byte[], byte[]> r) {
        try {
            return r.value() == null ? null : EventJson.fromJson(r.value());
        } catch (IllegalArgumentException e) {
            LOG.warn("Skipping {}-{}@{}: not an episodic event ({})", r.topic(), r.partition(), r.offset(), e.getMessage());
            return null;
        }
    }

    private List<TopicPartition> awaitPartitions(final Duration wait, final BooleanSupplier keepGoing) {
        long deadline = System.nanoTime() + wait.toNanos();
        while (keepGoing.getAsBoolean()) {
            List<PartitionInfo> infos = consumer.partitionsFor(topic, Duration.ofSeconds(5));
            if (infos != null && !infos.isEmpty()) {
                return infos.stream().map(p -> new TopicPartition(topic, p.partition())).toList();
            }
            if (System.nanoTime() > deadline) {
                throw new dev.episodic.cli.UsageException("Topic " + topic + " does not exist on the cluster; check --topic "
                        + "(a connector creates its topic with its first event)");
            }
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return List.of();
            }
        }
        return List.of();
    }

    @Override
    public void close() {
        consumer.close(Duration.ofSeconds(5));
    }
}
