package dev.episodic.cli.run;

import dev.episodic.connect.common.event.EventJson;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.connect.header.Header;
import org.apache.kafka.connect.source.SourceRecord;

/**
 * Sends events to their topic as a Connect worker with {@code JsonConverter} (schemas off) would write them:
 * key = stream, value = the event's JSON, record timestamp = occurred_at, the coordinate headers. The producer
 * is idempotent (acks=all), so its own retries never duplicate; a batch counts as delivered only when every
 * send is acknowledged.
 */
public final class KafkaSink implements EventSink {
    private final KafkaProducer<String, byte[]> producer;
    private final String bootstrap;

    public KafkaSink(final String bootstrap, final Map<String, String> overrides) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.CLIENT_ID_CONFIG, "episodic-run");
        props.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "120000");
        props.putAll(overrides);
        this.producer = new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer());
        this.bootstrap = bootstrap;
    }

    @Override
    public void deliver(final List<SourceRecord> records) throws InterruptedException, ExecutionException {
        List<Future<RecordMetadata>> sends = new ArrayList<>(records.size());
        for (SourceRecord record : records) {
            RecordHeaders headers = new RecordHeaders();
            for (Header h : record.headers()) {
                headers.add(h.key(), h.value() == null ? null : h.value().toString().getBytes(StandardCharsets.UTF_8));
            }
            byte[] value = EventJson.toJson(Records.event(record)).getBytes(StandardCharsets.UTF_8);
            sends.add(producer.send(new ProducerRecord<>(record.topic(), record.kafkaPartition(), record.timestamp(),
                    (String) record.key(), value, headers)));
        }
        producer.flush();
        for (Future<RecordMetadata> send : sends) {
            send.get();
        }
    }

    @Override
    public String describe() {
        return "Kafka " + bootstrap;
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(30));
    }
}
