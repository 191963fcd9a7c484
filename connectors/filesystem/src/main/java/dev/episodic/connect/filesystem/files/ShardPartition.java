package dev.episodic.connect.filesystem.files;

import dev.episodic.connect.common.cursor.StreamPartition;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The source partition of one shard: {@code {"stream": "<root stream>", "shard": "<0..255>"}}. It carries more
 * than the suite's usual {@code {"stream"}} because one offset per root would have to hold every file's state and
 * be rewritten whole on every change; a shard offset holds 1/256 of it.
 */
public final class ShardPartition {
    public static final String SHARD_KEY = "shard";

    private ShardPartition() {
    }

    /**
     * A {@link HashMap}, on purpose: Connect finds an offset by the serialised bytes of its partition, and a
     * partition read back from the offsets topic (REST GET/PATCH) is a HashMap. {@code Map.of} iterates in a per-JVM
     * random order, so its JSON could differ from the read-back map's and the offset would not be found.
     */
    public static Map<String, String> of(final String stream, final int shard) {
        Map<String, String> partition = new HashMap<>(4);
        partition.put(StreamPartition.STREAM_KEY, stream);
        partition.put(SHARD_KEY, Integer.toString(shard));
        return partition;
    }

    /**
     * The problem with a partition, or empty when it has exactly the keys {@code stream} (non-empty string) and
     * {@code shard} (a decimal string 0..255).
     */
    public static Optional<String> problem(final Map<String, ?> partition) {
        String shape = "partitions of this connector are {\"" + StreamPartition.STREAM_KEY + "\": \"<stream>\", \""
                + SHARD_KEY + "\": \"<0.." + (Shards.COUNT - 1) + ">\"}";
        if (StreamPartition.streamOf(partition).isEmpty()) {
            return Optional.of("it lacks a non-empty \"" + StreamPartition.STREAM_KEY + "\"; " + shape);
        }
        Object shard = partition.get(SHARD_KEY);
        if (partition.size() != 2 || !(shard instanceof String)) {
            return Optional.of("it must have exactly the keys \"" + StreamPartition.STREAM_KEY + "\" and \"" + SHARD_KEY
                    + "\" (both strings); " + shape);
        }
        String text = (String) shard;
        if (!text.matches("0|[1-9][0-9]{0,2}") || Integer.parseInt(text) >= Shards.COUNT) {
            return Optional.of("shard \"" + text + "\" is not a decimal number 0.." + (Shards.COUNT - 1) + "; " + shape);
        }
        return Optional.empty();
    }
}
