package dev.episodic.cli.tail;

import static org.assertj.core.api.Assertions.assertThat;

import dev.episodic.cli.Cli;
import dev.episodic.cli.CliProcess;
import dev.episodic.cli.LinesFixture;
import dev.episodic.connect.common.event.EpisodicEvent;
import dev.episodic.connect.common.event.EventJson;
import dev.episodic.connect.common.testkit.ConsumedEvent;
import dev.episodic.connect.common.testkit.EpisodicConnectCluster;
import dev.episodic.connect.common.event.EventHeaders;
import dev.episodic.connect.common.event.SourceType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `episodic run --kafka` and `episodic tail` against a real broker. */
class TailIT {
    private static final String TOPIC = "episodic.lines";
    private static EpisodicConnectCluster cluster;

    @TempDir
    Path dir;

    @BeforeAll
    static void startCluster() {
        cluster = EpisodicConnectCluster.start("tail-it");
    }

    @AfterAll
    static void stopCluster() {
        cluster.close();
    }

    @Test
    void runToKafkaThenTailFiltersByStreamAndSequenceAndSkipsAbortedRecords() throws Exception {
        LinesFixture fx = new LinesFixture(dir);
        fx.append("a.log", 1, 3);
        fx.append("b.log", 1, 2);
        Path config = fx.config("lines-kafka", Map.of("topic", TOPIC), "a.log", "b.log");
        Path db = dir.resolve("cursors.db");

        Cli.Result run = Cli.run("run", config.toString(), "--cursors", db.toString(), "--kafka", cluster.bootstrapServers(), "--once");
        assertThat(run.code()).as(run.toString()).isZero();
        assertThat(run.err()).contains("5 event(s)").contains("to Kafka");
        // What a Connect worker's JsonConverter would have written: key = stream, JSON value, coordinate headers.
        List<ConsumedEvent> committed = cluster.reader().readAtLeast(TOPIC, 5, Duration.ofSeconds(30));
        assertThat(committed).allSatisfy(c -> {
            assertThat(c.key()).isEqualTo(c.event().stream());
            assertThat(c.headers()).containsEntry("episodic.sequence", Long.toString(c.event().sequence()));
            assertThat(c.timestamp()).isEqualTo(c.event().occurredAt().toEpochMilli());
        });
        writeAbortedTransaction();

        Cli.Result all = Cli.run("tail", "--bootstrap", cluster.bootstrapServers(), "--topic", TOPIC);
        assertThat(all.code()).as(all.toString()).isZero();
        assertThat(events(all.out())).hasSize(5).noneMatch(e -> e.content().contains("aborted"));

        Cli.Result filtered = Cli.run("tail", "--bootstrap", cluster.bootstrapServers(), "--topic", TOPIC,
                "--stream", "lines:a.log", "--after", "1");
        assertThat(events(filtered.out())).extracting(EpisodicEvent::sequence).containsExactly(2L, 3L);
        assertThat(events(filtered.out())).allSatisfy(e -> assertThat(e.stream()).isEqualTo("lines:a.log"));
    }

    @Test
    void followPrintsNewEventsUntilCtrlC() throws Exception {
        LinesFixture fx = new LinesFixture(dir);
        fx.append("f.log", 1, 1);
        String topic = "episodic.follow";
        Path config = fx.config("lines-follow", Map.of("topic", topic), "f.log");
        Path db = dir.resolve("cursors.db");
        assertThat(Cli.run("run", config.toString(), "--cursors", db.toString(), "--kafka", cluster.bootstrapServers(), "--once").code()).isZero();

        try (CliProcess tail = CliProcess.start(dir, "tail", List.of("tail", "--bootstrap", cluster.bootstrapServers(),
                "--topic", topic, "--follow"))) {
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> lines(tail.stdoutFile()) == 1);
            fx.append("f.log", 2, 2);
            assertThat(Cli.run("run", config.toString(), "--cursors", db.toString(), "--kafka", cluster.bootstrapServers(), "--once").code()).isZero();
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> lines(tail.stdoutFile()) == 3);
            tail.signal("INT");
            assertThat(tail.awaitExit(30)).as(tail.stderr()).isIn(0, 130);
            assertThat(events(Files.readString(tail.stdoutFile()))).extracting(EpisodicEvent::sequence).containsExactly(1L, 2L, 3L);
        }
    }

    @Test
    void missingTopicIsAUsageError() {
        Cli.Result r = Cli.run("tail", "--bootstrap", cluster.bootstrapServers(), "--topic", "no.such.topic", "--wait-for-topic", "1s");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("Topic no.such.topic does not exist");
        Cli.Result stream = Cli.run("tail", "--bootstrap", cluster.bootstrapServers(), "--topic", "no.such.topic",
                "--stream", "s", "--wait-for-topic", "1s");
        assertThat(stream.code()).as(stream.toString()).isEqualTo(2);
        assertThat(stream.err()).contains("Topic no.such.topic does not exist").contains("check --topic");
    }

    @Test
    void streamTailSeeksBySequenceWithBeforeAndLimit() {
        String topic = "episodic.reader";
        try (KafkaProducer<String, String> p = transactional("tail-it-reader")) {
            for (int txn = 0; txn < 10; txn++) {
                p.beginTransaction();
                for (int i = 1; i <= 30; i++) {
                    long seq = txn * 30L + i;
                    for (String stream : List.of("r:a", "r:b", "r:c")) {
                        p.send(record(topic, stream, seq));
                    }
                }
                p.commitTransaction();
            }
            p.beginTransaction();
            p.send(record(topic, "r:a", 301));
            p.flush();
            p.abortTransaction();
        }
        Cli.Result window = Cli.run("tail", "--bootstrap", cluster.bootstrapServers(), "--topic", topic,
                "--stream", "r:b", "--after", "100", "--before", "120");
        assertThat(window.code()).as(window.toString()).isZero();
        assertThat(events(window.out())).extracting(EpisodicEvent::sequence).containsExactlyElementsOf(range(101, 119));
        assertThat(events(window.out())).allSatisfy(e -> assertThat(e.stream()).isEqualTo("r:b"));

        Cli.Result limited = Cli.run("tail", "--bootstrap", cluster.bootstrapServers(), "--topic", topic,
                "--stream", "r:a", "--after", "295", "--limit", "3");
        assertThat(events(limited.out())).extracting(EpisodicEvent::sequence).containsExactly(296L, 297L, 298L);

        Cli.Result end = Cli.run("tail", "--bootstrap", cluster.bootstrapServers(), "--topic", topic,
                "--stream", "r:a", "--after", "298");
        assertThat(events(end.out())).as("the aborted #301 is never printed").extracting(EpisodicEvent::sequence)
                .containsExactly(299L, 300L);

        Cli.Result everything = Cli.run("tail", "--bootstrap", cluster.bootstrapServers(), "--topic", topic,
                "--stream", "r:c");
        assertThat(events(everything.out())).extracting(EpisodicEvent::sequence).containsExactlyElementsOf(range(1, 300));

        Cli.Result allStreams = Cli.run("tail", "--bootstrap", cluster.bootstrapServers(), "--topic", topic,
                "--after", "299", "--limit", "2");
        assertThat(events(allStreams.out())).hasSize(2).allSatisfy(e -> assertThat(e.sequence()).isEqualTo(300L));
    }

    @Test
    void followWithWaitPrintsNewEventsAndStopsWhenNoneCome() throws Exception {
        String topic = "episodic.follow-wait";
        try (KafkaProducer<String, String> p = transactional("tail-it-follow-wait")) {
            commit(p, topic, "w", 1, 2);
            for (List<String> mode : List.of(List.of("--stream", "w"), List.<String>of())) {
                List<String> args = new java.util.ArrayList<>(List.of("tail", "--bootstrap", cluster.bootstrapServers(),
                        "--topic", topic, "--after", "2", "--follow", "--wait", "1500"));
                args.addAll(mode);
                long seq = mode.isEmpty() ? 5 : 3;
                long started = System.nanoTime();
                CompletableFuture<Cli.Result> tail = CompletableFuture.supplyAsync(() -> Cli.run(args));
                Thread.sleep(700);
                commit(p, topic, "w", seq, seq + 1);
                Cli.Result r = tail.get(30, TimeUnit.SECONDS);
                long tookMs = (System.nanoTime() - started) / 1_000_000;
                assertThat(r.code()).as(r.toString()).isZero();
                assertThat(events(r.out())).as(mode.toString()).extracting(EpisodicEvent::sequence)
                        .containsExactlyElementsOf(mode.isEmpty() ? range(3, 6) : range(3, 4));
                // It returned because nothing came for --wait after the last event, not earlier.
                assertThat(tookMs).isGreaterThanOrEqualTo(700 + 1500);
            }
        }
    }

    @Test
    void gapsAreWarnedAboutOrFailTheTail() {
        String topic = "episodic.gaps";
        try (KafkaProducer<String, String> p = transactional("tail-it-gaps")) {
            p.beginTransaction();
            for (long seq : new long[] {1, 2, 2, 4}) {
                p.send(record(topic, "g", seq));
            }
            p.commitTransaction();
        }
        Cli.Result warned = Cli.run("tail", "--bootstrap", cluster.bootstrapServers(), "--topic", topic, "--stream", "g");
        assertThat(warned.code()).as(warned.toString()).isZero();
        assertThat(events(warned.out())).extracting(EpisodicEvent::sequence).containsExactly(1L, 2L, 4L);
        assertThat(warned.err()).contains("Stream g: sequence 3 missing; the next committed event is #4");

        Cli.Result failed = Cli.run("tail", "--bootstrap", cluster.bootstrapServers(), "--topic", topic, "--stream", "g",
                "--on-gap", "fail");
        assertThat(failed.code()).as(failed.toString()).isEqualTo(1);
        assertThat(failed.err()).contains("Stream g: sequence 3 missing");
    }

    private static KafkaProducer<String, String> transactional(final String id) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers());
        props.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, id);
        KafkaProducer<String, String> p = new KafkaProducer<>(props, new StringSerializer(), new StringSerializer());
        p.initTransactions();
        return p;
    }

    private static void commit(final KafkaProducer<String, String> p, final String topic, final String stream,
                               final long from, final long to) {
        p.beginTransaction();
        for (long seq = from; seq <= to; seq++) {
            p.send(record(topic, stream, seq));
        }
        p.commitTransaction();
    }

    /** An event as a Connect worker writes it: key = stream, JSON value, coordinate headers, timestamp = occurred_at. */
    private static ProducerRecord<String, String> record(final String topic, final String stream, final long seq) {
        Instant at = Instant.parse("2024-05-01T00:00:00Z").plusSeconds(seq);
        EpisodicEvent e = EpisodicEvent.builder().eventId(stream + ":" + seq).sourceType(SourceType.API_LOG).sourceId("tail-it")
                .stream(stream).sequence(seq).eventType("http_request").occurredAt(at).ingestedAt(at).build();
        RecordHeaders headers = new RecordHeaders();
        headers.add(EventHeaders.STREAM, stream.getBytes(StandardCharsets.UTF_8));
        headers.add(EventHeaders.SEQUENCE, Long.toString(seq).getBytes(StandardCharsets.UTF_8));
        headers.add(EventHeaders.EVENT_ID, e.eventId().getBytes(StandardCharsets.UTF_8));
        return new ProducerRecord<>(topic, null, at.toEpochMilli(), stream, EventJson.toJson(e), headers);
    }

    private static List<Long> range(final long from, final long to) {
        return LongStream.rangeClosed(from, to).boxed().toList();
    }

    private void writeAbortedTransaction() {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers());
        props.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "tail-it-aborter");
        try (KafkaProducer<String, String> p = new KafkaProducer<>(props, new StringSerializer(), new StringSerializer())) {
            p.initTransactions();
            p.beginTransaction();
            EpisodicEvent e = EpisodicEvent.builder().eventId("x").sourceType(dev.episodic.connect.common.event.SourceType.FILESYSTEM)
                    .sourceId("x").stream("lines:a.log").sequence(99).eventType("line").occurredAt(java.time.Instant.now())
                    .ingestedAt(java.time.Instant.now()).content("aborted").build();
            p.send(new ProducerRecord<>(TOPIC, e.stream(), EventJson.toJson(e)));
            p.flush();
            p.abortTransaction();
        }
    }

    private static long lines(final Path file) throws Exception {
        return Files.exists(file) ? Files.readAllLines(file).stream().filter(l -> !l.isBlank()).count() : 0;
    }

    private static List<EpisodicEvent> events(final String out) {
        return out.lines().filter(l -> !l.isBlank()).map(EventJson::fromJson).toList();
    }
}
