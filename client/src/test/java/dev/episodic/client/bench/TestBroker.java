package dev.episodic.client.bench;

import java.util.Map;
import java.util.Properties;
import org.apache.kafka.connect.util.clusters.EmbeddedKafkaCluster;

/**
 * One real KRaft broker in this JVM with the settings the episodic cluster uses (single-node transaction log,
 * no time-based retention). The reader needs Kafka only, so its tests skip the Connect worker that
 * {@code EpisodicConnectCluster} would start as well.
 */
public final class TestBroker implements AutoCloseable {
    private final EmbeddedKafkaCluster kafka;

    private TestBroker(final EmbeddedKafkaCluster kafka) {
        this.kafka = kafka;
    }

    public static TestBroker start() {
        Properties broker = new Properties();
        broker.put("transaction.state.log.replication.factor", "1");
        broker.put("transaction.state.log.min.isr", "1");
        broker.put("transaction.state.log.num.partitions", "4");
        broker.put("offsets.topic.num.partitions", "4");
        broker.put("auto.create.topics.enable", "false");
        broker.put("log.retention.ms", "-1");
        EmbeddedKafkaCluster kafka = new EmbeddedKafkaCluster(1, broker);
        kafka.start();
        return new TestBroker(kafka);
    }

    public String bootstrapServers() {
        return kafka.bootstrapServers();
    }

    public void createTopic(final String topic, final int partitions) {
        kafka.createTopic(topic, partitions, 1, Map.of());
    }

    @Override
    public void close() {
        kafka.stop();
    }
}
