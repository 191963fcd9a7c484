package dev.episodic.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.episodic.client.bench.SyntheticTopic;
import dev.episodic.client.bench.TestBroker;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The reader against a real broker: a 1,000,000-event topic of 100 streams on 8 partitions written by a
 * transactional producer (markers and aborted transactions in the log), and small hand-made topics for repeats,
 * gaps, aborted records and follow timing.
 */
class EpisodicStreamReaderIT {
    private static final Logger LOG = LoggerFactory.getLogger(EpisodicStreamReaderIT.class);
    private static final int EVENTS = 1_000_000;
    private static final int STREAMS = 100;
    private static final int PARTITIONS = 8;

    private static TestBroker broker;
    private static SyntheticTopic big;

    @BeforeAll
    static void produceTheBigTopic() {
        broker = TestBroker.start();
        broker.createTopic("big", PARTITIONS);
        big = SyntheticTopic.produce(broker.bootstrapServers(), "big", EVENTS, STREAMS, 10_000, 20, 42,
                SyntheticTopic.CONNECT_BATCH_BYTES);
        LOG.warn("Produced {} events ({} more aborted) on {} partitions in {} ms", EVENTS, big.abortedEvents(), PARTITIONS,
                big.produceMillis());
        // The last transactions' markers land after commitTransaction() returns: wait until every stream's last
        // event is readable under read_committed, so the tests compare against a settled topic.
        try (EpisodicStreamReader settled = reader("big", GapPolicy.fail())) {
            for (int i = 0; i < STREAMS; i++) {
                final int stream = i;
                await().atMost(Duration.ofSeconds(30))
                        .until(() -> settled.latestSequence(big.stream(stream)) == big.count(stream));
            }
        }
    }

    @AfterAll
    static void stop() {
        if (broker != null) {
            broker.close();
        }
    }

    private static EpisodicStreamReader reader(final String topic, final GapPolicy policy) {
        return EpisodicStreamReader.builder().bootstrapServers(broker.bootstrapServers()).topic(topic).gapPolicy(policy).build();
    }

    private static List<Long> range(final long fromInclusive, final long toInclusive) {
        return LongStream.rangeClosed(fromInclusive, toInclusive).boxed().toList();
    }

    @Test
    void everyStreamIsOnThePartitionTheReaderComputes() {
        try (EpisodicStreamReader reader = reader("big", GapPolicy.fail())) {
            for (int i = 0; i < STREAMS; i++) {
                assertThat(reader.partitionOf(big.stream(i))).as(big.stream(i)).isEqualTo(big.partition(i));
            }
        }
    }

    @Test
    void readByAfterBeforeLimitMatchesWhatWasWritten() {
        Random random = new Random(7);
        long maxTailFetches = 0;
        long maxOtherFetches = 0;
        try (EpisodicStreamReader reader = reader("big", GapPolicy.fail())) {
            for (int q = 0; q < 300; q++) {
                int s = random.nextInt(STREAMS);
                int n = big.count(s);
                long after = switch (q % 5) {
                    case 0 -> 0;
                    case 1 -> n - 10;
                    case 2 -> n;
                    default -> random.nextInt(n + 1);
                };
                long before = q % 3 == 0 ? after + 1 + random.nextInt(50) : Long.MAX_VALUE;
                int limit = 1 + random.nextInt(q % 7 == 0 ? 2000 : 20);
                List<StreamEvent> got = reader.read(big.stream(s), after, before, limit);
                long last = Math.min(Math.min(n, after + limit), before - 1);
                List<Long> expected = last <= after ? List.of() : range(after + 1, last);
                assertThat(got).extracting(StreamEvent::sequence).as("%s after=%d before=%d limit=%d", big.stream(s), after, before, limit)
                        .isEqualTo(expected);
                for (StreamEvent e : got) {
                    assertThat(e.stream()).isEqualTo(big.stream(s));
                    assertThat(e.offset()).isEqualTo(big.offset(s, e.sequence()));
                    assertThat(e.partition()).isEqualTo(big.partition(s));
                    assertThat(e.eventId()).isEqualTo(SyntheticTopic.eventId(big.stream(s), e.sequence()));
                    assertThat(e.text("subject")).isNotEqualTo("aborted");
                    assertThat(e.type()).isEqualTo("http_request");
                }
                if (q % 5 == 1) {
                    maxTailFetches = Math.max(maxTailFetches, reader.lastStats().fetches());
                } else if (limit <= 20) {
                    maxOtherFetches = Math.max(maxOtherFetches, reader.lastStats().fetches());
                }
            }
        }
        LOG.warn("Most fetches of one read: {} for after = N - 10, {} for other reads of up to 20 events", maxTailFetches,
                maxOtherFetches);
        // The bound for read(after = N - 10, limit = 10) on a large topic; any other short read stays in it too.
        assertThat(maxTailFetches).isLessThanOrEqualTo(30);
        assertThat(maxOtherFetches).isLessThanOrEqualTo(30);
    }

    @Test
    void latestSequenceOfEveryStreamAndOfAnUnknownOne() {
        try (EpisodicStreamReader reader = reader("big", GapPolicy.fail())) {
            for (int i = 0; i < STREAMS; i++) {
                assertThat(reader.latestSequence(big.stream(i))).as(big.stream(i)).isEqualTo(big.count(i));
                assertThat(reader.lastStats().fetches()).isLessThanOrEqualTo(3);
            }
            assertThat(reader.latestSequence("no-such-stream")).isZero();
        }
    }

    @Test
    void missingTopicIsAClearError() {
        try (EpisodicStreamReader reader = reader("no.such.topic", GapPolicy.fail())) {
            assertThatThrownBy(() -> reader.read("s", 0, Long.MAX_VALUE, 1))
                    .isInstanceOf(TopicNotFoundException.class).hasMessageContaining("Topic no.such.topic does not exist");
        }
    }

    @Test
    void repeatsAreDroppedAndGapsGoToThePolicy() {
        String topic = "handmade-dups-gaps";
        broker.createTopic(topic, 3);
        try (KafkaProducer<byte[], byte[]> p = producer(null)) {
            for (long seq : new long[] {1, 2, 3, 2, 3, 4, 4, 7, 8}) {
                p.send(record(topic, "s", seq, "event " + seq));
                p.send(record(topic, "other", seq, "other " + seq));
            }
            p.flush();
        }
        try (EpisodicStreamReader strict = reader(topic, GapPolicy.fail())) {
            assertThat(strict.read("s", 0, 5, 100)).extracting(StreamEvent::sequence).containsExactly(1L, 2L, 3L, 4L);
            assertThat(strict.lastStats().duplicatesDropped()).isEqualTo(3);
            assertThatThrownBy(() -> strict.read("s", 0, Long.MAX_VALUE, 100))
                    .isInstanceOf(SequenceGapException.class)
                    .hasMessageContaining("Stream s: sequences 5..6 missing; the next committed event is #7");
            assertThat(strict.read("s", 6, Long.MAX_VALUE, 100)).extracting(StreamEvent::sequence).containsExactly(7L, 8L);
        }
        List<SequenceGap> gaps = new ArrayList<>();
        try (EpisodicStreamReader lenient = reader(topic, GapPolicy.report(gaps::add))) {
            assertThat(lenient.read("s", 0, Long.MAX_VALUE, 100)).extracting(StreamEvent::sequence)
                    .containsExactly(1L, 2L, 3L, 4L, 7L, 8L);
            assertThat(gaps).singleElement().satisfies(g -> {
                assertThat(g.stream()).isEqualTo("s");
                assertThat(g.expected()).isEqualTo(5);
                assertThat(g.found()).isEqualTo(7);
                assertThat(g.topic()).isEqualTo(topic);
            });
            assertThat(lenient.lastStats().duplicatesDropped()).isEqualTo(3);
            assertThat(lenient.lastStats().gaps()).isEqualTo(1);
        }
    }

    @Test
    void abortedTransactionsAreNeverSeen() {
        String topic = "handmade-aborted";
        broker.createTopic(topic, 1);
        try (KafkaProducer<byte[], byte[]> p = producer("aborted-writer")) {
            p.initTransactions();
            commit(p, topic, 1, 2);
            p.beginTransaction();
            for (long seq = 3; seq <= 40; seq++) {
                p.send(record(topic, "s", seq, "aborted"));
            }
            p.flush();
            p.abortTransaction();
            commit(p, topic, 3, 4);
        }
        awaitStable(topic, "s", 4);
        try (EpisodicStreamReader reader = reader(topic, GapPolicy.fail())) {
            List<StreamEvent> got = reader.read("s", 0, Long.MAX_VALUE, 100);
            assertThat(got).extracting(StreamEvent::sequence).containsExactly(1L, 2L, 3L, 4L);
            assertThat(got).noneMatch(e -> "aborted".equals(e.text("subject")));
            assertThat(reader.lastStats().duplicatesDropped()).as("aborted copies are not even repeats").isZero();
            assertThat(reader.latestSequence("s")).isEqualTo(4);
            assertThat(reader.read("s", 2, Long.MAX_VALUE, 1)).extracting(StreamEvent::sequence).containsExactly(3L);
        }
    }

    @Test
    void aReaderWhoseKnownEndIsStaleStillReadsWhatCameSince() {
        String topic = "handmade-growing";
        broker.createTopic(topic, 1);
        try (KafkaProducer<byte[], byte[]> p = producer("growing-writer");
             EpisodicStreamReader reader = reader(topic, GapPolicy.fail())) {
            p.initTransactions();
            send(p, topic, "s", 1, 5);
            awaitStable(topic, "s", 5);
            assertThat(reader.read("s", 0, Long.MAX_VALUE, 100)).extracting(StreamEvent::sequence)
                    .containsExactlyElementsOf(range(1, 5));

            // Far more than a span lands above the end the reader knows: the probe's fetch reports the new end
            // and the search runs again up to it.
            send(p, topic, "o", 1, 1_000);
            send(p, topic, "s", 6, 8);
            send(p, topic, "o", 1_001, 1_600);
            send(p, topic, "s", 9, 10);
            awaitStable(topic, "s", 10);
            assertThat(reader.read("s", 7, Long.MAX_VALUE, 10)).extracting(StreamEvent::sequence)
                    .containsExactly(8L, 9L, 10L);

            // Paging on from the last event read: no probe, so the end is asked for before the read ends.
            send(p, topic, "s", 11, 11);
            awaitStable(topic, "s", 11);
            assertThat(reader.read("s", 10, Long.MAX_VALUE, 10)).extracting(StreamEvent::sequence).containsExactly(11L);

            // A little above the known end, read from a probe: the fetch's end is taken, nothing is missed.
            send(p, topic, "o", 1_601, 1_620);
            send(p, topic, "s", 12, 13);
            awaitStable(topic, "s", 13);
            awaitStable(topic, "o", 1_620);
            assertThat(reader.read("s", 11, Long.MAX_VALUE, 10)).extracting(StreamEvent::sequence)
                    .containsExactly(12L, 13L);
            assertThat(reader.read("s", 0, Long.MAX_VALUE, 100)).extracting(StreamEvent::sequence)
                    .containsExactlyElementsOf(range(1, 13));
            assertThat(reader.read("o", 1_590, Long.MAX_VALUE, 100)).extracting(StreamEvent::sequence)
                    .containsExactlyElementsOf(range(1_591, 1_620));
        }
    }

    /**
     * commitTransaction() returns once the commit is decided; the markers that make the records readable under
     * read_committed follow. Waits for them with a reader of its own, so the reader under test keeps its stale end.
     */
    private static void awaitStable(final String topic, final String stream, final long sequence) {
        try (EpisodicStreamReader other = reader(topic, GapPolicy.fail())) {
            await().atMost(Duration.ofSeconds(10)).until(() -> other.latestSequence(stream) == sequence);
        }
    }

    private static void send(final KafkaProducer<byte[], byte[]> p, final String topic, final String stream,
                             final long from, final long to) {
        p.beginTransaction();
        for (long seq = from; seq <= to; seq++) {
            p.send(record(topic, stream, seq, "event " + seq));
        }
        p.commitTransaction();
    }

    @Test
    void followReturnsSoonAfterACommitAndEmptyAfterTheWait() throws Exception {
        String topic = "handmade-follow";
        broker.createTopic(topic, 4);
        try (KafkaProducer<byte[], byte[]> p = producer("follow-writer");
             EpisodicStreamReader reader = reader(topic, GapPolicy.fail())) {
            p.initTransactions();
            commit(p, topic, 1, 3);
            assertThat(reader.follow("f", 0, Duration.ofSeconds(5))).extracting(StreamEvent::sequence).containsExactly(1L, 2L, 3L);

            long waitStarted = System.nanoTime();
            assertThat(reader.follow("f", 3, Duration.ofMillis(400))).isEmpty();
            long waited = (System.nanoTime() - waitStarted) / 1_000_000;
            assertThat(waited).isBetween(400L, 1_400L);

            List<Long> latencies = new ArrayList<>();
            for (long seq = 4; seq <= 10; seq++) {
                long after = seq - 1;
                CompletableFuture<Long> returned = CompletableFuture.supplyAsync(() -> {
                    List<StreamEvent> got = reader.follow("f", after, Duration.ofSeconds(10));
                    assertThat(got).extracting(StreamEvent::sequence).containsExactly(after + 1);
                    return System.nanoTime();
                });
                Thread.sleep(300); // the follow is parked in its long poll by now
                p.beginTransaction();
                p.send(record(topic, "f", seq, "event " + seq));
                p.commitTransaction();
                long committed = System.nanoTime();
                long latencyMs = (returned.get(10, TimeUnit.SECONDS) - committed) / 1_000_000;
                latencies.add(latencyMs);
            }
            LOG.warn("follow: returned {} ms after commitTransaction() returned (negative: before it returned)", latencies);
            // The commit itself wakes the parked fetch (the broker completes it when the last stable offset
            // moves): the typical return is within 100 ms. Every one comes well before the 500 ms a fetch may
            // wait at the broker, which a follow that only woke up on its poll cycle would show. The median
            // rather than each value is held to 100 ms because the machine running the test may be busy.
            assertThat(latencies.stream().sorted().toList().get(latencies.size() / 2)).isLessThanOrEqualTo(100L);
            assertThat(latencies).allSatisfy(ms -> assertThat(ms).isLessThan(450L));
        }
    }

    private static void commit(final KafkaProducer<byte[], byte[]> p, final String topic, final long from, final long to) {
        p.beginTransaction();
        for (long seq = from; seq <= to; seq++) {
            p.send(record(topic, topic.endsWith("follow") ? "f" : "s", seq, "event " + seq));
        }
        p.commitTransaction();
    }

    private static KafkaProducer<byte[], byte[]> producer(final String transactionalId) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        if (transactionalId != null) {
            props.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId);
        }
        return new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer());
    }

    private static ProducerRecord<byte[], byte[]> record(final String topic, final String stream, final long seq, final String subject) {
        String json = "{\"event_id\":\"" + stream + ":" + seq + "\",\"source_type\":\"api_log\",\"source_id\":\"t\",\"stream\":\""
                + stream + "\",\"sequence\":" + seq + ",\"event_type\":\"test\",\"occurred_at\":" + (1_700_000_000_000L + seq)
                + ",\"ingested_at\":1700000000000,\"subject\":\"" + subject + "\",\"attributes\":{}}";
        RecordHeaders headers = new RecordHeaders();
        headers.add("episodic.stream", stream.getBytes(StandardCharsets.UTF_8));
        headers.add("episodic.sequence", Long.toString(seq).getBytes(StandardCharsets.UTF_8));
        headers.add("episodic.event_id", (stream + ":" + seq).getBytes(StandardCharsets.UTF_8));
        return new ProducerRecord<>(topic, null, 1_700_000_000_000L + seq, stream.getBytes(StandardCharsets.UTF_8),
                json.getBytes(StandardCharsets.UTF_8), headers);
    }
}
