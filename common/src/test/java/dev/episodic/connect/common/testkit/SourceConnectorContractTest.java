package dev.episodic.connect.common.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.connect.source.SourceConnector;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The contract every connector of the suite keeps, on a real broker and Connect worker with exactly-once on:
 * deploy with REST JSON, full sync then incremental, connector restart, stop/resume, a worker restart
 * mid-stream, offsets read/altered/reset through the REST offsets endpoints, and config validation errors. After
 * each step the committed topic must hold dense sequences 1..N per stream with no repeats.
 *
 * <p>A connector's integration test extends this class (name it {@code *ContractIT}) and supplies its source.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class SourceConnectorContractTest {
    private static final AtomicInteger COUNTER = new AtomicInteger();

    protected EpisodicConnectCluster cluster;
    private String connectorName;

    protected abstract Class<? extends SourceConnector> connectorClass();

    /** A new, independent source under {@code dir} with some activity already in it. */
    protected abstract ContractSource newSource(Path dir) throws Exception;

    /** A config the validate endpoint must reject, and a fragment its error message must contain. */
    protected abstract Map<String, String> invalidConfig(Path dir);

    protected abstract String invalidConfigMessage(Path dir);

    /** Activity added for the worker-restart step: large enough that the restart lands mid-ingest. */
    protected int bulkActivity() {
        return 1_500;
    }

    protected Duration ingestTimeout() {
        return Duration.ofSeconds(120);
    }

    @BeforeAll
    void startCluster() {
        cluster = EpisodicConnectCluster.start(getClass().getSimpleName());
    }

    @AfterAll
    void stopCluster() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @AfterEach
    void deleteConnector() {
        if (connectorName != null && cluster != null) {
            cluster.rest().deleteConnector(connectorName);
            connectorName = null;
        }
    }

    @Test
    void fullSyncThenIncremental(@TempDir final Path dir) throws Exception {
        ContractSource source = newSource(dir);
        String topic = deploy(source.config(), 1);
        List<ConsumedEvent> first = read(topic, source.initialEvents());
        StreamAssertions.assertDenseAndUnique(first);
        int added = source.addActivity(5);
        StreamAssertions.assertDenseAndUnique(read(topic, source.initialEvents() + added));
    }

    @Test
    void restartOfConnectorAndTasksNeitherRepeatsNorSkips(@TempDir final Path dir) throws Exception {
        ContractSource source = newSource(dir);
        String topic = deploy(source.config(), 1);
        read(topic, source.initialEvents());
        cluster.rest().restart(connectorName, true).requireOk();
        // The restart is asynchronous: wait for the new generation of the task to report RUNNING.
        Thread.sleep(1_000);
        cluster.rest().awaitRunning(connectorName, 1, Duration.ofSeconds(60));
        int added = source.addActivity(3);
        StreamAssertions.assertDenseAndUnique(read(topic, source.initialEvents() + added));
    }

    @Test
    void stopAndResumeCatchesUpOnWhatHappenedWhileStopped(@TempDir final Path dir) throws Exception {
        ContractSource source = newSource(dir);
        String topic = deploy(source.config(), 1);
        read(topic, source.initialEvents());
        RestResponse stop = cluster.rest().stop(connectorName);
        assertThat(stop.status()).as(stop.body()).isEqualTo(204);
        cluster.rest().awaitState(connectorName, "STOPPED", 0, Duration.ofSeconds(60));
        int added = source.addActivity(4);
        cluster.rest().resume(connectorName).requireOk();
        cluster.rest().awaitRunning(connectorName, 1, Duration.ofSeconds(60));
        StreamAssertions.assertDenseAndUnique(read(topic, source.initialEvents() + added));
    }

    @Test
    void workerRestartMidStreamLosesAndRepeatsNothing(@TempDir final Path dir) throws Exception {
        ContractSource source = newSource(dir);
        Map<String, String> config = new HashMap<>(source.config());
        config.put("batch.max.events", "25");
        String topic = deploy(config, 1);
        read(topic, source.initialEvents());
        int added = source.addActivity(bulkActivity());
        int expected = source.initialEvents() + added;
        // Restart once part of the new activity is committed, so the worker dies mid-ingest.
        List<ConsumedEvent> partial = cluster.reader().readAtLeast(topic, source.initialEvents() + 1, ingestTimeout());
        assertThat(partial.size()).as("restart must land mid-ingest").isLessThan(expected);
        cluster.restartWorker();
        cluster.rest().awaitRunning(connectorName, 1, Duration.ofSeconds(90));
        StreamAssertions.assertDenseAndUnique(read(topic, expected));
    }

    @Test
    void offsetsCanBeReadAlteredAndReset(@TempDir final Path dir) throws Exception {
        ContractSource source = newSource(dir);
        String topic = deploy(source.config(), 1);
        Map<String, Integer> counts = StreamAssertions.assertDenseAndUnique(read(topic, source.initialEvents()));

        assertThat(cluster.rest().stop(connectorName).status()).isEqualTo(204);
        cluster.rest().awaitState(connectorName, "STOPPED", 0, Duration.ofSeconds(60));

        JsonNode offsets = cluster.rest().offsets(connectorName).requireOk().json().path("offsets");
        assertThat(offsets.size()).as(offsets.toString()).isGreaterThanOrEqualTo(counts.size());
        Map<String, Long> seqByStream = new LinkedHashMap<>();
        for (JsonNode entry : offsets) {
            assertThat(entry.path("partition").path("stream").isTextual()).as(entry.toString()).isTrue();
            assertThat(entry.path("offset").path("v").isNumber()).as(entry.toString()).isTrue();
            seqByStream.merge(entry.path("partition").path("stream").asText(), entry.path("offset").path("seq").asLong(), Math::max);
        }
        counts.forEach((stream, n) -> assertThat(seqByStream.get(stream)).as("seq of " + stream).isEqualTo((long) n));

        JsonNode first = offsets.get(0);
        ObjectNode unknownVersion = first.deepCopy();
        ((ObjectNode) unknownVersion.path("offset")).put("v", 999);
        // Connect answers a connector's refusal with an error status and the connector's message.
        RestResponse refused = cluster.rest().alterOffsets(connectorName, offsetsBody(unknownVersion));
        assertThat(refused.status()).as(refused.body()).isGreaterThanOrEqualTo(400);
        assertThat(refused.body()).contains("version 999");

        ObjectNode noStream = first.deepCopy();
        ((ObjectNode) noStream.path("partition")).remove("stream");
        ((ObjectNode) noStream.path("partition")).put("unknown", "x");
        RestResponse refusedPartition = cluster.rest().alterOffsets(connectorName, offsetsBody(noStream));
        assertThat(refusedPartition.status()).as(refusedPartition.body()).isGreaterThanOrEqualTo(400);
        assertThat(refusedPartition.body()).contains("stream");

        cluster.rest().alterOffsets(connectorName, offsetsBody(first)).requireOk();

        cluster.rest().resetOffsets(connectorName).requireOk();
        assertThat(cluster.rest().offsets(connectorName).requireOk().json().path("offsets").size()).isZero();

        // A reset means a full re-sync; send it to a fresh topic and expect the whole history, dense from 1.
        Map<String, String> config = fullConfig(source.config());
        String resyncTopic = topic + ".resync";
        config.put("topic", resyncTopic);
        cluster.rest().putConfig(connectorName, config).requireOk();
        cluster.rest().resume(connectorName).requireOk();
        cluster.rest().awaitRunning(connectorName, 1, Duration.ofSeconds(60));
        Map<String, Integer> resynced = StreamAssertions.assertDenseAndUnique(read(resyncTopic, source.initialEvents()));
        assertThat(resynced).isEqualTo(counts);
    }

    @Test
    void validateEndpointNamesTheProblem(@TempDir final Path dir) throws Exception {
        Map<String, String> config = new HashMap<>(invalidConfig(dir));
        config.put("connector.class", connectorClass().getName());
        config.put("name", "invalid-" + COUNTER.incrementAndGet());
        JsonNode result = cluster.rest().validate(connectorClass().getName(), config).requireOk().json();
        assertThat(result.path("error_count").asInt()).as(result.toString()).isGreaterThan(0);
        assertThat(result.toString()).contains(invalidConfigMessage(dir));
    }

    /** Deploys through POST /connectors with a {"name","config"} document; returns the topic. */
    protected String deploy(final Map<String, String> sourceConfig, final int tasks) {
        connectorName = getClass().getSimpleName().toLowerCase() + "-" + COUNTER.incrementAndGet();
        Map<String, String> config = fullConfig(sourceConfig);
        String topic = config.computeIfAbsent("topic", t -> "episodic." + connectorName);
        if (topic.startsWith("episodic.") && !topic.contains(connectorName)) {
            topic = "episodic." + connectorName;
            config.put("topic", topic);
        }
        ObjectNode request = ConnectRestClient.object();
        request.put("name", connectorName);
        ObjectNode cfg = request.putObject("config");
        config.forEach(cfg::put);
        RestResponse created = cluster.rest().deploy(request.toString());
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        cluster.rest().awaitRunning(connectorName, tasks, Duration.ofSeconds(60));
        return topic;
    }

    protected String connectorName() {
        return connectorName;
    }

    private Map<String, String> fullConfig(final Map<String, String> sourceConfig) {
        Map<String, String> config = new HashMap<>(sourceConfig);
        config.put("connector.class", connectorClass().getName());
        config.putIfAbsent("tasks.max", "1");
        config.putIfAbsent("poll.interval.ms", "200");
        // As the README tells users: let Connect create the topic with time-based retention off, because record
        // timestamps are occurred_at and backfilled history would otherwise be deleted as soon as it lands.
        config.putIfAbsent("topic.creation.default.replication.factor", "-1");
        config.putIfAbsent("topic.creation.default.partitions", "-1");
        config.putIfAbsent("topic.creation.default.retention.ms", "-1");
        return config;
    }

    protected List<ConsumedEvent> read(final String topic, final int expected) {
        try {
            return cluster.reader().readExactly(topic, expected, ingestTimeout(), Duration.ofSeconds(2));
        } catch (AssertionError e) {
            String status = connectorName == null ? "" : "\nConnector status: " + cluster.rest().status(connectorName).body();
            throw new AssertionError(e.getMessage() + status + "\nTopic: " + cluster.reader().describe(topic), e);
        }
    }

    private static String offsetsBody(final JsonNode entry) {
        ObjectNode body = ConnectRestClient.object();
        ArrayNode list = body.putArray("offsets");
        list.add(entry);
        return body.toString();
    }
}
