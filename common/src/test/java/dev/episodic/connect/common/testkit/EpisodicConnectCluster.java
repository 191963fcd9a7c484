package dev.episodic.connect.common.testkit;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.connect.runtime.distributed.DistributedConfig;
import org.apache.kafka.connect.util.clusters.EmbeddedConnectCluster;
import org.awaitility.Awaitility;

/**
 * A real Kafka broker (KRaft) and one distributed Connect worker in this JVM, with exactly-once source support
 * on, as a user's cluster would run the plugins. Values use the {@code JsonConverter} without schemas, which is
 * exactly the JSON form of the event envelope; keys are plain strings (the stream).
 */
public final class EpisodicConnectCluster implements AutoCloseable {
    private final EmbeddedConnectCluster connect;
    private final ConnectRestClient rest;

    private EpisodicConnectCluster(final EmbeddedConnectCluster connect) {
        this.connect = connect;
        this.rest = new ConnectRestClient(() -> connect.endpointForResource("").replaceAll("/$", ""));
    }

    public static EpisodicConnectCluster start(final String name) {
        Properties broker = new Properties();
        broker.put("transaction.state.log.replication.factor", "1");
        broker.put("transaction.state.log.min.isr", "1");
        broker.put("auto.create.topics.enable", "true");
        // Record timestamps are occurred_at, often years old (test repositories are dated 2023): with time-based
        // retention the broker rolls and deletes such segments within minutes, and consumers see history vanish.
        broker.put("log.retention.ms", "-1");
        // The builder mutates this map, so it must be mutable.
        Map<String, String> worker = new HashMap<>();
        worker.put("plugin.discovery", "service_load");
        worker.put(DistributedConfig.EXACTLY_ONCE_SOURCE_SUPPORT_CONFIG, "enabled");
        worker.put("key.converter", "org.apache.kafka.connect.storage.StringConverter");
        worker.put("value.converter", "org.apache.kafka.connect.json.JsonConverter");
        worker.put("value.converter.schemas.enable", "false");
        worker.put("offset.flush.interval.ms", "500");
        worker.put("scheduled.rebalance.max.delay.ms", "1000");
        EmbeddedConnectCluster cluster = new EmbeddedConnectCluster.Builder()
                .name(name)
                .numWorkers(1)
                .numBrokers(1)
                .brokerProps(broker)
                .workerProps(worker)
                .build();
        cluster.start();
        EpisodicConnectCluster result = new EpisodicConnectCluster(cluster);
        result.awaitHealthy();
        return result;
    }

    public EmbeddedConnectCluster connect() {
        return connect;
    }

    public ConnectRestClient rest() {
        return rest;
    }

    public String bootstrapServers() {
        return connect.kafka().bootstrapServers();
    }

    public CommittedEventReader reader() {
        return new CommittedEventReader(bootstrapServers());
    }

    /** Stops the worker (as a rolling restart would) and starts a fresh one against the same Kafka cluster. */
    public void restartWorker() {
        connect.removeWorker();
        connect.addWorker();
        awaitHealthy();
    }

    private void awaitHealthy() {
        Awaitility.await("Connect worker healthy").atMost(Duration.ofSeconds(60)).pollInterval(200, TimeUnit.MILLISECONDS)
                .until(() -> !connect.workers().isEmpty() && connect.allWorkersHealthy() && rest.isUp());
    }

    @Override
    public void close() {
        connect.stop();
    }
}
