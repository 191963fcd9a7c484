package dev.episodic.connect.common.testkit;

import dev.episodic.connect.common.event.EventHeaders;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** The exactly-once promise as assertions: per stream, sequences 1..N with no gap and no repeat. */
public final class StreamAssertions {
    private StreamAssertions() {
    }

    /**
     * Asserts every stream's sequences are exactly 1..N in partition order, every event id appears once, keys and
     * headers carry the coordinate, and the record timestamp is {@code occurred_at}. Returns N per stream.
     */
    public static Map<String, Integer> assertDenseAndUnique(final List<ConsumedEvent> events) {
        Map<String, List<Long>> sequences = new TreeMap<>();
        Set<String> ids = new HashSet<>();
        List<String> problems = new ArrayList<>();
        Map<String, Integer> partitionOfStream = new HashMap<>();
        for (ConsumedEvent e : events) {
            String stream = e.event().stream();
            sequences.computeIfAbsent(stream, s -> new ArrayList<>()).add(e.event().sequence());
            if (!ids.add(e.event().eventId())) {
                problems.add("event_id repeated: " + e.event().eventId() + " (" + stream + "#" + e.event().sequence() + ")");
            }
            if (!stream.equals(e.key())) {
                problems.add("key " + e.key() + " is not the stream " + stream);
            }
            if (!stream.equals(e.headers().get(EventHeaders.STREAM))
                    || !Long.toString(e.event().sequence()).equals(e.headers().get(EventHeaders.SEQUENCE))
                    || !e.event().eventId().equals(e.headers().get(EventHeaders.EVENT_ID))) {
                problems.add("headers do not match the event: " + e.headers() + " vs " + e.event());
            }
            if (e.timestamp() != e.event().occurredAt().toEpochMilli()) {
                problems.add("record timestamp " + e.timestamp() + " is not occurred_at of " + e.event());
            }
            Integer previous = partitionOfStream.putIfAbsent(stream, e.partition());
            if (previous != null && previous != e.partition()) {
                problems.add("stream " + stream + " spans partitions " + previous + " and " + e.partition());
            }
            if (problems.size() > 20) {
                break;
            }
        }
        Map<String, Integer> counts = new TreeMap<>();
        for (Map.Entry<String, List<Long>> entry : sequences.entrySet()) {
            List<Long> seqs = entry.getValue();
            for (int i = 0; i < seqs.size(); i++) {
                if (seqs.get(i) != i + 1) {
                    problems.add("stream " + entry.getKey() + ": position " + (i + 1) + " holds sequence " + seqs.get(i)
                            + " (neighbourhood " + seqs.subList(Math.max(0, i - 3), Math.min(seqs.size(), i + 4)) + ")");
                    break;
                }
            }
            counts.put(entry.getKey(), seqs.size());
        }
        if (!problems.isEmpty()) {
            throw new AssertionError("Stream contract violated:\n  " + String.join("\n  ", problems));
        }
        return counts;
    }
}
