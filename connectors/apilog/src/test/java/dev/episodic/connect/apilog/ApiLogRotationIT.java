package dev.episodic.connect.apilog;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.episodic.connect.common.event.EventHeaders;
import dev.episodic.connect.common.testkit.ConnectRestClient;
import dev.episodic.connect.common.testkit.EpisodicConnectCluster;
import java.io.BufferedWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Exactly once through rotation and a worker restart: a 1,000,000-line log is being ingested when it is rotated
 * by rename (a new file gets more lines) and the worker is restarted. Every line must be committed once, in one
 * stream with sequences 1..N, the old file's lines before the new file's.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ApiLogRotationIT {
    private static final int OLD_LINES = 1_000_000;
    private static final int NEW_LINES = 20_000;

    private EpisodicConnectCluster cluster;

    @BeforeAll
    void start() {
        cluster = EpisodicConnectCluster.start(getClass().getSimpleName());
    }

    @AfterAll
    void stop() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void rotationAndWorkerRestartMidIngestLoseAndRepeatNothing(@TempDir final Path dir) throws Exception {
        Path log = dir.resolve("access.log");
        write(log, 0, OLD_LINES);
        String topic = "episodic.apilog-rotation";
        ObjectNode request = ConnectRestClient.object();
        request.put("name", "apilog-rotation");
        ObjectNode config = request.putObject("config");
        config.put("connector.class", ApiLogSourceConnector.class.getName());
        config.put("tasks.max", "1");
        config.put("topic", topic);
        config.put("apilog.paths", log.toString());
        config.put("apilog.format", "combined");
        config.put("include.payload", "false");
        config.put("batch.max.events", "5000");
        config.put("poll.interval.ms", "200");
        assertThat(cluster.rest().deploy(request.toString()).status()).isEqualTo(201);
        cluster.rest().awaitRunning("apilog-rotation", 1, Duration.ofSeconds(60));

        try (KafkaConsumer<byte[], byte[]> consumer = consumer(topic)) {
            Checker checker = new Checker();
            checker.readUntil(consumer, 50_000, Duration.ofSeconds(120));
            // Rotate by rename while the old file is mid-ingest, then restart the worker.
            Files.move(log, dir.resolve("access.log.1"));
            write(log, OLD_LINES, OLD_LINES + NEW_LINES);
            assertThat(checker.count).as("rotation must land mid-ingest").isLessThan(OLD_LINES);
            cluster.restartWorker();
            cluster.rest().awaitRunning("apilog-rotation", 1, Duration.ofSeconds(90));
            checker.readUntil(consumer, OLD_LINES + NEW_LINES, Duration.ofSeconds(600));
            // Settle: nothing more (no duplicate) may arrive.
            checker.readUntil(consumer, Integer.MAX_VALUE, Duration.ofSeconds(5));
            assertThat(checker.problems).isEmpty();
            assertThat(checker.count).isEqualTo(OLD_LINES + NEW_LINES);
        }

        JsonNode offsets = cluster.rest().offsets("apilog-rotation").requireOk().json().path("offsets");
        assertThat(offsets.size()).isEqualTo(1);
        JsonNode offset = offsets.get(0).path("offset");
        assertThat(offset.path("seq").asLong()).isEqualTo(OLD_LINES + NEW_LINES);
        assertThat(offset.path("pos").asLong()).isEqualTo(Files.size(log));
        assertThat(offset.path("line").asLong()).isEqualTo(NEW_LINES);
        cluster.rest().deleteConnector("apilog-rotation");
    }

    private static void write(final Path file, final int from, final int to) throws Exception {
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (int i = from; i < to; i++) {
                out.write(LogLines.line(i));
            }
        }
    }

    /** Checks records as they arrive (headers only, so a million records fit in a small heap). */
    private static final class Checker {
        private final Set<String> ids = new HashSet<>();
        private final List<String> problems = new java.util.ArrayList<>();
        private long lastSeq;
        private int count;

        void readUntil(final KafkaConsumer<byte[], byte[]> consumer, final int expected, final Duration timeout) {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (count < expected && System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    check(r);
                }
            }
            if (expected != Integer.MAX_VALUE) {
                assertThat(count).as("committed records within " + timeout).isGreaterThanOrEqualTo(expected);
            }
        }

        private void check(final ConsumerRecord<byte[], byte[]> r) {
            count++;
            long seq = Long.parseLong(header(r, EventHeaders.SEQUENCE));
            if (seq != lastSeq + 1 && problems.size() < 20) {
                problems.add("sequence " + seq + " after " + lastSeq);
            }
            lastSeq = seq;
            if (!ids.add(header(r, EventHeaders.EVENT_ID)) && problems.size() < 20) {
                problems.add("event id repeated: " + header(r, EventHeaders.EVENT_ID));
            }
            // The line number is in the path: old file first, then the new one, in file order.
            String value = new String(r.value(), StandardCharsets.UTF_8);
            int at = value.indexOf("/items/") + 7;
            int end = at;
            while (end < value.length() && Character.isDigit(value.charAt(end))) {
                end++;
            }
            int line = Integer.parseInt(value.substring(at, end));
            if (line != seq - 1 && problems.size() < 20) {
                problems.add("sequence " + seq + " carries line " + line);
            }
        }

        private static String header(final ConsumerRecord<byte[], byte[]> r, final String key) {
            return new String(r.headers().lastHeader(key).value(), StandardCharsets.UTF_8);
        }
    }

    private KafkaConsumer<byte[], byte[]> consumer(final String topic) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers());
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "10000");
        KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(),
                new ByteArrayDeserializer());
        // The topic appears with the first records; wait for it, then read from the beginning.
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (consumer.partitionsFor(topic, Duration.ofSeconds(5)).isEmpty() && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(5)).stream()
                .map(p -> new TopicPartition(topic, p.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        return consumer;
    }
}
