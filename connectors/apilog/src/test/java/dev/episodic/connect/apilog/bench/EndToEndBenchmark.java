package dev.episodic.connect.apilog.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.episodic.connect.apilog.ApiLogSourceConnector;
import dev.episodic.connect.common.testkit.ConnectRestClient;
import dev.episodic.connect.common.testkit.EpisodicConnectCluster;
import dev.episodic.connect.common.testkit.RestResponse;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * End to end through one embedded exactly-once Connect worker: the API-log connector (as configured by default,
 * and with {@code include.payload=false}) and Kafka's own {@code FileStreamSourceConnector} each ingest the same
 * combined-format file (one task, same batch size) into
 * their own topic; the time from deployment until every line is committed (read back with read_committed) gives
 * the rate. Both run in the same JVM, on the same broker and worker, one after the other, alternating per round.
 */
public final class EndToEndBenchmark {
    private static final Duration TIMEOUT = Duration.ofMinutes(15);

    private EndToEndBenchmark() {
    }

    public static void main(final String[] args) throws Exception {
        Path dir = Path.of(args.length > 0 ? args[0] : "target/bench").toAbsolutePath();
        int lines = args.length > 1 ? Integer.parseInt(args[1]) : 1_000_000;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 2;
        Files.createDirectories(dir);
        Path file = BenchFiles.combined(dir, lines);
        System.out.printf("== end to end: %s, %,d lines, %,d bytes, exactly-once worker ==%n", file.getFileName(),
                lines, Files.size(file));
        try (EpisodicConnectCluster cluster = EpisodicConnectCluster.start("apilog-bench")) {
            for (int round = 1; round <= rounds; round++) {
                for (Producer producer : Producer.values()) {
                    Map<String, String> apilogConfig = Map.of(
                            "connector.class", ApiLogSourceConnector.class.getName(),
                            "apilog.paths", file.toString(), "apilog.format", "combined",
                            "batch.max.events", "10000", "poll.interval.ms", "500");
                    double apilog = run(cluster, "apilog-" + producer.label + "-" + round, producer.with(apilogConfig),
                            lines);
                    Map<String, String> noPayload = new java.util.HashMap<>(apilogConfig);
                    noPayload.put("include.payload", "false");
                    double apilogNoPayload = run(cluster, "apilog-nopayload-" + producer.label + "-" + round,
                            producer.with(noPayload), lines);
                    double fileStream = run(cluster, "filestream-" + producer.label + "-" + round, producer.with(Map.of(
                            "connector.class", "org.apache.kafka.connect.file.FileStreamSourceConnector",
                            "file", file.toString(), "batch.size", "10000")), lines);
                    System.out.printf("round %d, producer %-8s: apilog %,.0f lines/s (%,.0f without payload) | "
                            + "FileStreamSource %,.0f lines/s | apilog/FileStreamSource %.2fx (%.2fx without payload) | "
                            + "load average %.1f%n", round, producer.label, apilog, apilogNoPayload, fileStream,
                            apilog / fileStream, apilogNoPayload / fileStream,
                            ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
                }
            }
        }
    }

    /**
     * The producer settings both connectors run with. {@code default}: the worker's (batch.size 16 KiB, no
     * compression). A produce request carries one batch per partition and at most five requests are in flight,
     * so a one-partition topic moves at most 80 KiB per round trip: an envelope of ~700 bytes pays for that
     * four times more than a bare log line of ~170 bytes. {@code tuned}: the per-connector overrides the README
     * recommends for log ingestion ({@code producer.override.*}, allowed by the worker's default override
     * policy {@code All}), given to both connectors alike.
     */
    private enum Producer {
        DEFAULT("default", Map.of()),
        TUNED("tuned", Map.of("producer.override.batch.size", "1048576", "producer.override.linger.ms", "20",
                "producer.override.compression.type", "lz4"));

        private final String label;
        private final Map<String, String> overrides;

        Producer(final String label, final Map<String, String> overrides) {
            this.label = label;
            this.overrides = overrides;
        }

        Map<String, String> with(final Map<String, String> config) {
            Map<String, String> all = new java.util.HashMap<>(config);
            all.putAll(overrides);
            return all;
        }
    }

    /** Deploys one connector with one task, waits until {@code lines} records are committed; returns lines/s. */
    private static double run(final EpisodicConnectCluster cluster, final String name,
                              final Map<String, String> config, final int lines) throws Exception {
        String topic = "bench." + name;
        ObjectNode request = ConnectRestClient.object();
        request.put("name", name);
        ObjectNode cfg = request.putObject("config");
        config.forEach(cfg::put);
        cfg.put("tasks.max", "1");
        cfg.put("topic", topic);
        long start = System.nanoTime();
        RestResponse created = cluster.rest().deploy(request.toString());
        if (created.status() != 201) {
            throw new IllegalStateException("deploy of " + name + " failed: " + created.body());
        }
        long count = countCommitted(cluster.bootstrapServers(), topic, lines);
        double seconds = (System.nanoTime() - start) / 1e9;
        cluster.rest().deleteConnector(name);
        if (count != lines) {
            throw new IllegalStateException(name + " committed " + count + " records, expected " + lines);
        }
        return lines / seconds;
    }

    private static long countCommitted(final String bootstrap, final String topic, final int expected) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "10000");
        props.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, "false");
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = List.of();
            while (partitions.isEmpty() && System.nanoTime() < deadline) {
                partitions = consumer.partitionsFor(topic, Duration.ofSeconds(5)).stream()
                        .map(p -> new TopicPartition(topic, p.partition())).toList();
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long count = 0;
            while (count < expected && System.nanoTime() < deadline) {
                count += consumer.poll(Duration.ofMillis(200)).count();
            }
            return count;
        }
    }
}
