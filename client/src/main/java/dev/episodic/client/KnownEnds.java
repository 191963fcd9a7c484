package dev.episodic.client;

import java.util.HashMap;
import java.util.Map;
import java.util.OptionalLong;
import org.apache.kafka.common.TopicPartition;

/**
 * The committed end (last stable offset) of each partition as this reader last learned it, from a lookup or from
 * a fetch response. Only ever a hint for where to probe first: a read checks it against the end its own fetch
 * reports before trusting it (see {@link StreamScanner#read}). Ends only grow.
 */
final class KnownEnds {
    private final Map<TopicPartition, Long> ends = new HashMap<>();

    OptionalLong get(final TopicPartition tp) {
        Long end = ends.get(tp);
        return end == null ? OptionalLong.empty() : OptionalLong.of(end);
    }

    void learn(final TopicPartition tp, final long end) {
        ends.merge(tp, end, Math::max);
    }

    void learnAll(final Map<TopicPartition, Long> found) {
        found.forEach((tp, end) -> {
            if (end != null) {
                learn(tp, end);
            }
        });
    }
}
