package dev.episodic.connect.cursoride;

import static org.assertj.core.api.Assertions.assertThat;

import dev.episodic.connect.common.event.EpisodicEvent;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/** Assertions over the events a task produced. */
final class Events {
    private Events() {
    }

    /** Every stream's sequences are 1..N in order and no event id repeats; returns N per stream. */
    static Map<String, Integer> assertDenseAndUnique(final List<EpisodicEvent> events) {
        Map<String, List<Long>> byStream = new TreeMap<>();
        Set<String> ids = new HashSet<>();
        List<String> repeated = new ArrayList<>();
        for (EpisodicEvent e : events) {
            byStream.computeIfAbsent(e.stream(), s -> new ArrayList<>()).add(e.sequence());
            if (!ids.add(e.eventId())) {
                repeated.add(e.eventId());
            }
        }
        assertThat(repeated).as("repeated event ids").isEmpty();
        Map<String, Integer> counts = new TreeMap<>();
        byStream.forEach((stream, seqs) -> {
            for (int i = 0; i < seqs.size(); i++) {
                assertThat(seqs.get(i)).as("sequence at position %d of %s", i + 1, stream).isEqualTo(i + 1L);
            }
            counts.put(stream, seqs.size());
        });
        return counts;
    }

    static Map<String, Long> countByType(final List<EpisodicEvent> events) {
        return events.stream().collect(Collectors.groupingBy(EpisodicEvent::eventType, TreeMap::new,
                Collectors.counting()));
    }

    static List<EpisodicEvent> where(final List<EpisodicEvent> events, final Predicate<EpisodicEvent> p) {
        return events.stream().filter(p).toList();
    }

    static List<String> contents(final List<EpisodicEvent> events) {
        return events.stream().map(EpisodicEvent::content).toList();
    }
}
