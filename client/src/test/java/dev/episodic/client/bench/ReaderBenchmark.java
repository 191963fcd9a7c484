package dev.episodic.client.bench;

import dev.episodic.client.EpisodicStreamReader;
import dev.episodic.client.ReadStats;
import dev.episodic.client.StreamEvent;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * {@code read(stream, after = N - 10, limit = 10)} against a full scan of the stream's partition that finds the
 * same ten events, on one topic in one run. Each round takes another stream; the reader is timed warm (one
 * reader reused, but for a stream it has not read: no resume hint), like the scan's consumer, which is connected
 * before its clock starts; and cold (a new reader: consumer start, metadata, connection, the read) for information. A read from the middle of a stream ({@code after = N / 2}) is shown for comparison.
 *
 * <p>Arguments: events streams partitions rounds batch-bytes (defaults 1000000 100 8 15 16384, the producer's
 * batch.size as a Connect worker leaves it).
 */
public final class ReaderBenchmark {
    private static final int WARM_UP_READS = 2000;

    private ReaderBenchmark() {
    }

    public static void main(final String[] args) throws Exception {
        int events = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        int streams = args.length > 1 ? Integer.parseInt(args[1]) : 100;
        int partitions = args.length > 2 ? Integer.parseInt(args[2]) : 8;
        int rounds = args.length > 3 ? Integer.parseInt(args[3]) : 15;
        int batchBytes = args.length > 4 ? Integer.parseInt(args[4]) : SyntheticTopic.CONNECT_BATCH_BYTES;
        try (TestBroker broker = TestBroker.start()) {
            broker.createTopic("bench", partitions);
            SyntheticTopic topic = SyntheticTopic.produce(broker.bootstrapServers(), "bench", events, streams, 10_000, 20, 42,
                    batchBytes);
            System.out.printf("== topic: %,d events (+%,d aborted) of %d streams on %d partitions, transactional, lz4, batch.size=%d;"
                            + " produced in %,d ms%n", events, topic.abortedEvents(), streams, partitions, batchBytes, topic.produceMillis());
            run(broker.bootstrapServers(), topic, rounds);
        }
    }

    private static void run(final String bootstrap, final SyntheticTopic topic, final int rounds) {
        warmUp(bootstrap, topic);
        List<double[]> rows = new ArrayList<>();
        System.out.println("round stream            part       N | cold: fetches   ms | warm: fetches probes   ms | middle: fetches probes   ms |"
                + " scan: fetches  records      ms | scan/warm");
        try (EpisodicStreamReader warm = reader(bootstrap)) {
            for (int round = 0; round <= rounds; round++) {
                int s = (round * 37 + 11) % topic.streamCount();
                String stream = topic.stream(s);
                long n = topic.count(s);
                // Cold: a new reader for this one read.
                List<StreamEvent> cold;
                ReadStats coldStats;
                long coldStart = System.nanoTime();
                try (EpisodicStreamReader r = reader(bootstrap)) {
                    cold = r.read(stream, n - 10, Long.MAX_VALUE, 10);
                    coldStats = r.lastStats();
                }
                double coldMs = (System.nanoTime() - coldStart) / 1e6;
                // Warm: the long-lived reader, first time on this stream.
                List<StreamEvent> hot = warm.read(stream, n - 10, Long.MAX_VALUE, 10);
                ReadStats warmStats = warm.lastStats();
                try (EpisodicStreamReader m = reader(bootstrap)) {
                    m.read(topic.stream((s + 1) % topic.streamCount()), 0, Long.MAX_VALUE, 1); // connect, metadata
                    m.read(stream, n / 2, Long.MAX_VALUE, 10);
                    ReadStats middle = m.lastStats();
                    Scan scan = scan(bootstrap, topic.topic(), topic.partition(s), stream, n - 10);
                    check(cold, hot, scan, topic, s, n);
                    double[] row = {coldStats.fetches(), coldMs, warmStats.fetches(), warmStats.probes(), warmStats.elapsedMillis(),
                            scan.fetches, scan.records, scan.millis};
                    System.out.printf("%5s %-17s %4d %7d | %13d %6.1f | %13d %6d %6.1f | %15d %6d %6.1f | %13d %8d %7.1f | %8.0fx%n",
                            round == 0 ? "warm" : Integer.toString(round), stream, topic.partition(s), n, coldStats.fetches(), coldMs,
                            warmStats.fetches(), warmStats.probes(), warmStats.elapsedMillis(), middle.fetches(), middle.probes(),
                            middle.elapsedMillis(), scan.fetches, scan.records, scan.millis, scan.millis / warmStats.elapsedMillis());
                    if (round > 0) { // round 0 warms the JIT and is not counted
                        rows.add(row);
                    }
                }
            }
        }
        double coldMs = median(rows, 1);
        double warmMs = median(rows, 4);
        double scanMs = median(rows, 7);
        System.out.printf("== median of %d rounds: read(after=N-10, limit=10) %.0f fetch(es), %.1f ms (warm reader);"
                        + " partition scan %.0f fetches, %.0f records, %.1f ms; scan/read = %.0fx%n",
                rows.size(), median(rows, 2), warmMs, median(rows, 5), median(rows, 6), scanMs, scanMs / warmMs);
        System.out.printf("== a new reader for one read (consumer start, metadata, connection included): %.1f ms median%n", coldMs);
        System.out.printf("== worst round: read %.0f fetches (cold %.0f)%n", max(rows, 2), max(rows, 0));
    }

    /**
     * Compiles the read path before anything is timed, as in a reader that has served requests for a while: a
     * throwaway reader reads the recent events of every stream many times, and every partition is scanned once. The
     * timed warm reader is another instance, so none of these reads leaves it a resume hint. Without this the
     * first dozens of reads run the consumer's fetch path interpreted, and a one-fetch read measures the JIT
     * (3-5 ms) instead of the round trip (about 1 ms); reads keep getting faster for the first thousand or so
     * (a broker's fetch path compiles too). The scans warm the scan's side the same way.
     */
    private static void warmUp(final String bootstrap, final SyntheticTopic topic) {
        long started = System.nanoTime();
        try (EpisodicStreamReader r = reader(bootstrap)) {
            for (int i = 0; i < WARM_UP_READS; i++) {
                int s = i % topic.streamCount();
                r.read(topic.stream(s), topic.count(s) - 10 - (i / topic.streamCount()), Long.MAX_VALUE, 10);
            }
        }
        Set<Integer> scanned = new HashSet<>();
        for (int s = 0; s < topic.streamCount(); s++) {
            if (scanned.add(topic.partition(s))) {
                scan(bootstrap, topic.topic(), topic.partition(s), topic.stream(s), topic.count(s) - 10);
            }
        }
        System.out.printf("== JIT warm-up: %d reads by a throwaway reader and %d partition scans, %,d ms%n", WARM_UP_READS,
                scanned.size(),
                (System.nanoTime() - started) / 1_000_000);
    }

    private static void check(final List<StreamEvent> cold, final List<StreamEvent> warm, final Scan scan,
                              final SyntheticTopic topic, final int s, final long n) {
        long[] expected = new long[10];
        for (int i = 0; i < 10; i++) {
            expected[i] = topic.offset(s, n - 9 + i);
        }
        long[] coldOffsets = cold.stream().mapToLong(StreamEvent::offset).toArray();
        long[] warmOffsets = warm.stream().mapToLong(StreamEvent::offset).toArray();
        if (!Arrays.equals(coldOffsets, expected) || !Arrays.equals(warmOffsets, expected) || !Arrays.equals(scan.offsets, expected)) {
            throw new IllegalStateException("Reader and scan disagree for " + topic.stream(s) + ": expected " + Arrays.toString(expected)
                    + ", cold " + Arrays.toString(coldOffsets) + ", warm " + Arrays.toString(warmOffsets) + ", scan " + Arrays.toString(scan.offsets));
        }
    }

    private static EpisodicStreamReader reader(final String bootstrap) {
        return EpisodicStreamReader.builder().bootstrapServers(bootstrap).topic("bench").build();
    }

    private record Scan(long fetches, long records, double millis, long[] offsets) {
    }

    /**
     * What a reader without the client does: assign the stream's partition (it knows which: the same hash),
     * read it from the start to the committed end with read_committed and keep the stream's events after
     * {@code after}. Large fetches and polls, no waiting at the end: as fast as a plain consumer scans.
     */
    private static Scan scan(final String bootstrap, final String topic, final int partition, final String stream, final long after) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "10000");
        props.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, "0");
        byte[] key = stream.getBytes(StandardCharsets.UTF_8);
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            TopicPartition tp = new TopicPartition(topic, partition);
            consumer.assign(List.of(tp));
            consumer.endOffsets(List.of(tp)); // connect before the clock starts, like the warm reader
            long started = System.nanoTime();
            long end = consumer.endOffsets(List.of(tp)).get(tp);
            consumer.seekToBeginning(List.of(tp));
            long fetches = 0;
            long records = 0;
            List<Long> found = new ArrayList<>();
            while (consumer.position(tp) < end) {
                List<ConsumerRecord<byte[], byte[]>> batch = consumer.poll(Duration.ofMillis(500)).records(tp);
                fetches += batch.isEmpty() ? 0 : 1;
                records += batch.size();
                for (ConsumerRecord<byte[], byte[]> r : batch) {
                    if (Arrays.equals(r.key(), key) && sequence(r) > after && found.size() < 10) {
                        found.add(r.offset());
                    }
                }
            }
            double millis = (System.nanoTime() - started) / 1e6;
            return new Scan(fetches, records, millis, found.stream().mapToLong(Long::longValue).toArray());
        }
    }

    private static long sequence(final ConsumerRecord<byte[], byte[]> r) {
        Header h = r.headers().lastHeader("episodic.sequence");
        return Long.parseLong(new String(h.value(), StandardCharsets.US_ASCII));
    }

    private static double median(final List<double[]> rows, final int column) {
        double[] v = rows.stream().mapToDouble(r -> r[column]).sorted().toArray();
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }

    private static double max(final List<double[]> rows, final int column) {
        return rows.stream().mapToDouble(r -> r[column]).max().orElse(0);
    }
}
