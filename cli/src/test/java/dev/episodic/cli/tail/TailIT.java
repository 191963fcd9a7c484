package dev.episodic.cli.tail;

import static org.assertj.core.api.Assertions.assertThat;

import dev.episodic.cli.Cli;
import dev.episodic.cli.CliProcess;
import dev.episodic.cli.LinesFixture;
import dev.episodic.connect.common.event.EpisodicEvent;
import dev.episodic.connect.common.event.EventJson;
import dev.episodic.connect.common.testkit.ConsumedEvent;
import dev.episodic.connect.common.testkit.EpisodicConnectCluster;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
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
