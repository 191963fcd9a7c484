package dev.episodic.client;

import java.nio.charset.StandardCharsets;
import java.util.Objects;
import org.apache.kafka.common.utils.Utils;

/**
 * The partition a stream's events live on. Connect writes each event with key = stream (UTF-8, the
 * {@code StringConverter}) and no explicit partition, so the producer's default partitioner places it at
 * {@code toPositive(murmur2(keyBytes)) % partitions} — the same two {@link Utils} calls the producer's
 * {@code BuiltInPartitioner.partitionForKey} makes. Computing it here means a read never has to look at the
 * other partitions. It stays right as long as the topic's partition count is not changed after events were
 * written (adding partitions moves keys, which breaks per-key order for every Kafka consumer, not only this one).
 */
public final class StreamPartitioner {
    private StreamPartitioner() {
    }

    public static int partitionFor(final String stream, final int partitions) {
        Objects.requireNonNull(stream, "stream");
        if (partitions <= 0) {
            throw new IllegalArgumentException("A topic has at least one partition, got " + partitions);
        }
        return Utils.toPositive(Utils.murmur2(stream.getBytes(StandardCharsets.UTF_8))) % partitions;
    }
}
