package dev.episodic.client.bench;

import dev.episodic.connect.common.event.EpisodicEvent;
import dev.episodic.connect.common.event.EventHeaders;
import dev.episodic.connect.common.event.EventJson;
import dev.episodic.connect.common.event.SourceType;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.Random;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Writes a topic the way an exactly-once Connect worker does: a transactional producer, key = stream, value =
 * the envelope's JSON (what the JsonConverter writes with schemas off), the coordinate headers, record timestamp =
 * occurred_at, the default partitioner. Events go to streams picked at random; each stream's sequences are
 * 1, 2, 3, … Every transaction ends with a commit marker in each partition it touched, and every
 * {@code abortEvery}-th transaction is first written and aborted, then written again and committed (as a task
 * retrying after a failed commit would), so the log holds aborted records and markers as a real one does.
 *
 * <p>While writing it records, per stream, the offset of each committed sequence: the expectations reads are
 * checked against.
 */
public final class SyntheticTopic {
    private final String topic;
    private final String[] streams;
    private final long[][] offsets;
    private final int[] partitions;
    private final int[] counts;
    private long produceNanos;
    private long aborted;

    private SyntheticTopic(final String topic, final int streamCount) {
        this.topic = topic;
        this.streams = new String[streamCount];
        this.offsets = new long[streamCount][];
        this.partitions = new int[streamCount];
        this.counts = new int[streamCount];
        for (int i = 0; i < streamCount; i++) {
            streams[i] = "bench:stream-" + i;
            offsets[i] = new long[1024];
        }
    }

    /** Connect's worker producer leaves batch.size at Kafka's default, 16 KiB. */
    public static final int CONNECT_BATCH_BYTES = 16_384;

    public static SyntheticTopic produce(final String bootstrap, final String topic, final int events, final int streamCount,
                                         final int txnSize, final int abortEvery, final long seed, final int batchBytes) {
        SyntheticTopic t = new SyntheticTopic(topic, streamCount);
        long started = System.nanoTime();
        t.write(bootstrap, events, txnSize, abortEvery, new Random(seed), batchBytes);
        t.produceNanos = System.nanoTime() - started;
        return t;
    }

    private void write(final String bootstrap, final int events, final int txnSize, final int abortEvery, final Random random,
                       final int batchBytes) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "synthetic-" + topic);
        props.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        // The batch size decides what a reader's probe costs: the broker returns whole batches and a compressed
        // batch is decompressed from its start. Connect's default (16 KiB) is what real episodic topics have.
        props.put(ProducerConfig.BATCH_SIZE_CONFIG, Integer.toString(batchBytes));
        props.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        props.put(ProducerConfig.BUFFER_MEMORY_CONFIG, Long.toString(64L * 1024 * 1024));
        Instant base = Instant.parse("2024-01-01T00:00:00Z");
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer())) {
            producer.initTransactions();
            int written = 0;
            int txn = 0;
            while (written < events) {
                int size = Math.min(txnSize, events - written);
                int[] picks = new int[size];
                for (int i = 0; i < size; i++) {
                    picks[i] = random.nextInt(streams.length);
                }
                if (abortEvery > 0 && ++txn % abortEvery == 0) {
                    producer.beginTransaction();
                    send(producer, picks, base, true);
                    producer.flush();
                    producer.abortTransaction();
                    aborted += size;
                }
                producer.beginTransaction();
                List<Future<RecordMetadata>> acks = send(producer, picks, base, false);
                producer.commitTransaction();
                for (int i = 0; i < size; i++) {
                    record(picks[i], get(acks.get(i)));
                }
                written += size;
            }
        }
    }

    private List<Future<RecordMetadata>> send(final KafkaProducer<byte[], byte[]> producer, final int[] picks,
                                              final Instant base, final boolean aborted) {
        List<Future<RecordMetadata>> acks = new ArrayList<>(picks.length);
        int[] next = counts.clone();
        for (int s : picks) {
            long seq = ++next[s];
            EpisodicEvent e = event(streams[s], seq, base, aborted);
            RecordHeaders headers = new RecordHeaders();
            headers.add(EventHeaders.STREAM, e.stream().getBytes(StandardCharsets.UTF_8));
            headers.add(EventHeaders.SEQUENCE, Long.toString(seq).getBytes(StandardCharsets.UTF_8));
            headers.add(EventHeaders.EVENT_ID, e.eventId().getBytes(StandardCharsets.UTF_8));
            acks.add(producer.send(new ProducerRecord<>(topic, null, e.occurredAt().toEpochMilli(),
                    e.stream().getBytes(StandardCharsets.UTF_8), EventJson.toJson(e).getBytes(StandardCharsets.UTF_8), headers)));
        }
        return acks;
    }

    /** The event id every reader check recomputes; aborted copies say so in their subject. */
    public static String eventId(final String stream, final long sequence) {
        return "synthetic:" + stream + ":" + sequence;
    }

    private static EpisodicEvent event(final String stream, final long seq, final Instant base, final boolean aborted) {
        Instant at = base.plusMillis(seq * 1000);
        return EpisodicEvent.builder().eventId(eventId(stream, seq)).sourceType(SourceType.API_LOG)
                .sourceId("synthetic").stream(stream).sequence(seq).eventType("http_request")
                .occurredAt(at).ingestedAt(at).subject(aborted ? "aborted" : "GET /items/" + seq)
                .attribute("status", "200").build();
    }

    private void record(final int s, final RecordMetadata meta) {
        int seq = ++counts[s];
        if (seq > offsets[s].length) {
            offsets[s] = Arrays.copyOf(offsets[s], offsets[s].length * 2);
        }
        offsets[s][seq - 1] = meta.offset();
        partitions[s] = meta.partition();
    }

    private static RecordMetadata get(final Future<RecordMetadata> f) {
        try {
            return f.get();
        } catch (Exception e) {
            throw new IllegalStateException("A committed send failed: " + e, e);
        }
    }

    public String topic() {
        return topic;
    }

    public int streamCount() {
        return streams.length;
    }

    public String stream(final int i) {
        return streams[i];
    }

    /** Committed events of stream i: its latest sequence. */
    public int count(final int i) {
        return counts[i];
    }

    /** The partition stream i's events were written to, as the producer chose it. */
    public int partition(final int i) {
        return partitions[i];
    }

    /** Offset of stream i's event with this sequence (1-based). */
    public long offset(final int i, final long sequence) {
        return offsets[i][(int) sequence - 1];
    }

    public long produceMillis() {
        return produceNanos / 1_000_000;
    }

    public long abortedEvents() {
        return aborted;
    }
}
