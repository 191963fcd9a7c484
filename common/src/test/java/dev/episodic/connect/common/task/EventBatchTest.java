package dev.episodic.connect.common.task;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.episodic.connect.common.cursor.OffsetMap;
import dev.episodic.connect.common.cursor.StreamCursor;
import dev.episodic.connect.common.cursor.StreamPartition;
import dev.episodic.connect.common.event.EpisodicEvent;
import dev.episodic.connect.common.event.SourceType;
import dev.episodic.connect.common.metrics.TaskMetrics;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A batch counts its events in the metrics, one report per run of a stream, by the time Connect gets them. */
class EventBatchTest {
    private static final Instant NOW = Instant.parse("2026-01-01T00:01:00Z");
    private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    private final TaskMetrics metrics = TaskMetrics.unpublished(clock);
    private final EventBatch batch = new EventBatch("t", 10, NOW, metrics);

    @Test
    void eventsAreCountedPerStreamWhenTheRecordsAreHandedOver() {
        add("a", 1, 50);
        add("a", 2, 40);
        add("b", 7, 10);
        add("a", 3, 30);

        assertThat(batch.records()).hasSize(4);
        assertThat(metrics.eventsEmitted()).isEqualTo(4);
        assertThat(metrics.lastSequence("a")).isEqualTo(3);
        assertThat(metrics.lastSequence("b")).isEqualTo(7);
        // Lag is measured from the last event's own time in each stream.
        assertThat(metrics.lagMs("a")).isEqualTo(30_000);
        assertThat(metrics.lagMs("b")).isEqualTo(10_000);
    }

    @Test
    void aSequenceThatIsNotTheCursorsIsRefused() {
        EpisodicEvent event = event("a", 2, 0);
        assertThatThrownBy(() -> batch.add(StreamPartition.of("a"), cursor(3), event))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("sequence 2");
    }

    private void add(final String stream, final long seq, final int secondsAgo) {
        batch.add(StreamPartition.of(stream), cursor(seq), event(stream, seq, secondsAgo));
    }

    private static EpisodicEvent event(final String stream, final long seq, final int secondsAgo) {
        return EpisodicEvent.builder().eventId(stream + ":" + seq).sourceType(SourceType.API_LOG).sourceId("s")
                .stream(stream).sequence(seq).eventType("e").occurredAt(NOW.minusSeconds(secondsAgo))
                .ingestedAt(NOW).build();
    }

    private static StreamCursor cursor(final long seq) {
        return new StreamCursor() {
            @Override
            public long seq() {
                return seq;
            }

            @Override
            public Map<String, Object> toOffset() {
                return OffsetMap.of(1, seq).build();
            }
        };
    }
}
