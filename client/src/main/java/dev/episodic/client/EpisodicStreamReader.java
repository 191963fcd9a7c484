package dev.episodic.client;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Reads one episodic topic by stream and sequence, with {@code isolation.level=read_committed}: only events of
 * committed transactions, in sequence order, each sequence once.
 *
 * <pre>{@code
 * try (EpisodicStreamReader reader = EpisodicStreamReader.builder()
 *         .bootstrapServers("127.0.0.1:9092").topic("episodic.git").build()) {
 *     List<StreamEvent> page = reader.read("git:main", 40, Long.MAX_VALUE, 10);   // #41..#50
 *     long latest = reader.latestSequence("git:main");
 *     List<StreamEvent> next = reader.follow("git:main", latest, Duration.ofSeconds(30));
 * }
 * }</pre>
 *
 * A stream lives on the partition its key hashes to ({@link StreamPartitioner}); inside it the reader finds
 * the start by a search over offsets ({@link OffsetSearch}) instead of scanning: a read of a stream's recent
 * events costs one fetch, one from its middle a handful, the worst case about 2·log2(partition size / 256) + 3. The reader keeps no consumer group and commits nothing. It is not
 * thread-safe (KafkaConsumers underneath: one that seeks and reads, one that long-polls for {@code follow});
 * {@link #wakeup()} may be called from any thread.
 */
public final class EpisodicStreamReader implements AutoCloseable {
    /** Events a {@link #follow(String, long, Duration)} returns at most per call. */
    public static final int DEFAULT_FOLLOW_LIMIT = 500;

    private static final Duration POLL = Duration.ofMillis(500);

    /** Seeks, probes and reads: its fetches never wait at the broker (fetch.max.wait.ms=0). */
    private final Consumer<byte[], byte[]> seeker;
    private final Properties waiterProperties;
    /** Follows: its fetches wait at the broker for new committed data (a long poll); made on first use. */
    private Consumer<byte[], byte[]> waiter;
    private final String topic;
    private final GapPolicy gapPolicy;
    private final Duration apiTimeout;
    private final ResumeHints hints = new ResumeHints();
    private final KnownEnds knownEnds = new KnownEnds();
    private int partitions;
    private ReadStats last = ReadStats.NONE;
    private ReadStats totals = ReadStats.NONE;

    private EpisodicStreamReader(final Builder b) {
        this.topic = b.topic;
        this.gapPolicy = b.gapPolicy;
        this.apiTimeout = b.apiTimeout;
        Properties common = consumerProperties(b);
        Properties seek = new Properties();
        seek.putAll(common);
        // A probe's data is always there (below the committed end). Were its fetches allowed to wait, the fetch
        // the consumer sends ahead after a poll that reached the end would sit at the broker for
        // fetch.max.wait.ms, and the next seek's fetch would queue behind it.
        seek.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, "0");
        this.seeker = new KafkaConsumer<>(seek, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        this.waiterProperties = new Properties();
        waiterProperties.putAll(common);
        waiterProperties.put(ConsumerConfig.CLIENT_ID_CONFIG, common.get(ConsumerConfig.CLIENT_ID_CONFIG) + "-follow");
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Events of {@code stream} with {@code after < sequence < before}, in sequence order, at most {@code limit},
     * among what is committed now. {@code after = 0} reads from the first event; {@code before = Long.MAX_VALUE}
     * has no upper bound. Fewer than {@code limit} events means the committed end was reached (or {@code before}).
     */
    public List<StreamEvent> read(final String stream, final long after, final long before, final int limit) {
        checkRange(after, limit);
        return call(stream, (scanner, stats) -> scanner.read(after, before, limit));
    }

    /** The highest committed sequence of {@code stream}, 0 when it has no event. */
    public long latestSequence(final String stream) {
        return call(stream, (scanner, stats) -> scanner.latestSequence());
    }

    /** {@link #follow(String, long, Duration, int)} with {@link #DEFAULT_FOLLOW_LIMIT}. */
    public List<StreamEvent> follow(final String stream, final long after, final Duration waitTimeout) {
        return follow(stream, after, waitTimeout, DEFAULT_FOLLOW_LIMIT);
    }

    /**
     * Events of {@code stream} after {@code after}: at once if some are committed, otherwise as soon as one is,
     * or an empty list once {@code waitTimeout} has passed. The wait is a long poll at the broker, not a loop.
     * Calling it again with the last returned sequence as {@code after} seeks directly (no bisection).
     */
    public List<StreamEvent> follow(final String stream, final long after, final Duration waitTimeout, final int limit) {
        checkRange(after, limit);
        Objects.requireNonNull(waitTimeout, "waitTimeout");
        if (waitTimeout.isNegative()) {
            throw new IllegalArgumentException("waitTimeout must not be negative, got " + waitTimeout);
        }
        return call(stream, (scanner, stats) -> scanner.follow(after, waitTimeout, limit,
                new ConsumerPartitionLog(waiter(), new TopicPartition(topic, partitionOf(stream)), apiTimeout, stats,
                        knownEnds, partitionCount())));
    }

    /** What the last call cost. */
    public ReadStats lastStats() {
        return last;
    }

    /** What all calls of this reader cost together. */
    public ReadStats totals() {
        return totals;
    }

    /** The partition {@code stream}'s events are on (looks the topic up once). */
    public int partitionOf(final String stream) {
        return StreamPartitioner.partitionFor(stream, partitionCount());
    }

    /** Makes a call blocked in another thread throw Kafka's {@code WakeupException}; safe from any thread. */
    public void wakeup() {
        seeker.wakeup();
        Consumer<byte[], byte[]> w = waiter;
        if (w != null) {
            w.wakeup();
        }
    }

    @Override
    public void close() {
        try {
            seeker.close(Duration.ofSeconds(5));
        } finally {
            if (waiter != null) {
                waiter.close(Duration.ofSeconds(5));
            }
        }
    }

    private Consumer<byte[], byte[]> waiter() {
        if (waiter == null) {
            waiter = new KafkaConsumer<>(waiterProperties, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        }
        return waiter;
    }

    private <T> T call(final String stream, final java.util.function.BiFunction<StreamScanner, StatsCounter, T> operation) {
        Objects.requireNonNull(stream, "stream");
        StatsCounter stats = new StatsCounter();
        try {
            TopicPartition tp = new TopicPartition(topic, partitionOf(stream));
            PartitionLog log = new ConsumerPartitionLog(seeker, tp, apiTimeout, stats, knownEnds, partitionCount());
            return operation.apply(new StreamScanner(log, new StreamRecords(stream), gapPolicy, stats, hints, POLL, apiTimeout), stats);
        } finally {
            last = stats.snapshot();
            totals = totals.plus(last);
        }
    }

    private int partitionCount() {
        if (partitions == 0) {
            List<PartitionInfo> infos = seeker.partitionsFor(topic, apiTimeout);
            if (infos == null || infos.isEmpty()) {
                throw new TopicNotFoundException(topic);
            }
            partitions = infos.size();
        }
        return partitions;
    }

    private static void checkRange(final long after, final int limit) {
        if (after < 0) {
            throw new IllegalArgumentException("after must be 0 (from the first event) or a sequence, got " + after);
        }
        if (limit <= 0) {
            throw new IllegalArgumentException("limit must be at least 1, got " + limit);
        }
    }

    private static Properties consumerProperties(final Builder b) {
        Properties props = new Properties();
        props.putAll(b.consumerProperties);
        Object isolation = props.get(ConsumerConfig.ISOLATION_LEVEL_CONFIG);
        if (isolation != null && !"read_committed".equals(isolation.toString())) {
            throw new IllegalArgumentException("isolation.level=" + isolation + " is not allowed: the reader only "
                    + "returns committed events (read_committed); remove the property");
        }
        if (b.bootstrapServers != null) {
            props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, b.bootstrapServers);
        }
        if (props.get(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG) == null) {
            throw new IllegalArgumentException("No bootstrap servers: call bootstrapServers(\"host:9092\") or pass "
                    + "bootstrap.servers in the consumer properties");
        }
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        // Positions are chosen by the reader on every call: nothing to commit, no group to join.
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.remove(ConsumerConfig.GROUP_ID_CONFIG);
        // A misspelt topic must be an error, not a new empty topic.
        props.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, "false");
        // If retention removed the offset a seek aimed at, read on from the new start (a gap says what was lost).
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.putIfAbsent(ConsumerConfig.CLIENT_ID_CONFIG, "episodic-reader");
        // A probe needs the records around one offset, not a megabyte: small fetches keep bisection cheap.
        props.putIfAbsent(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, Integer.toString(b.fetchBytes));
        props.remove(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG);
        props.remove(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG);
        return props;
    }

    /** Settings of a reader; {@code topic} and the bootstrap servers are required. */
    public static final class Builder {
        private String bootstrapServers;
        private String topic;
        private final Map<String, Object> consumerProperties = new HashMap<>();
        private GapPolicy gapPolicy = GapPolicy.fail();
        private Duration apiTimeout = Duration.ofSeconds(60);
        private int fetchBytes = 64 * 1024;

        private Builder() {
        }

        public Builder bootstrapServers(final String servers) {
            this.bootstrapServers = Objects.requireNonNull(servers, "servers");
            return this;
        }

        public Builder topic(final String topic) {
            this.topic = Objects.requireNonNull(topic, "topic");
            return this;
        }

        /** Any KafkaConsumer setting (security, client.id, fetch sizes); isolation.level can only be read_committed. */
        public Builder consumerProperties(final Map<String, ?> properties) {
            consumerProperties.putAll(properties);
            return this;
        }

        public Builder consumerProperty(final String key, final Object value) {
            consumerProperties.put(key, value);
            return this;
        }

        /** What happens at a hole in a stream's sequences; {@link GapPolicy#fail()} unless set. */
        public Builder gapPolicy(final GapPolicy policy) {
            this.gapPolicy = Objects.requireNonNull(policy, "policy");
            return this;
        }

        /** How long one call may wait for the broker in total before it fails (default 60 s). */
        public Builder apiTimeout(final Duration timeout) {
            if (timeout == null || timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("apiTimeout must be positive, got " + timeout);
            }
            this.apiTimeout = timeout;
            return this;
        }

        /**
         * max.partition.fetch.bytes unless given in the consumer properties (default 64 KiB). The broker always
         * returns at least one whole record batch, so this bounds what a probe fetches beyond that batch.
         */
        public Builder fetchBytes(final int bytes) {
            if (bytes <= 0) {
                throw new IllegalArgumentException("fetchBytes must be positive, got " + bytes);
            }
            this.fetchBytes = bytes;
            return this;
        }

        public EpisodicStreamReader build() {
            if (topic == null || topic.isBlank()) {
                throw new IllegalArgumentException("No topic: call topic(\"episodic.git\") with the topic to read");
            }
            return new EpisodicStreamReader(this);
        }
    }
}
