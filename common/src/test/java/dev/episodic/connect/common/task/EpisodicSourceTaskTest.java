package dev.episodic.connect.common.task;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.episodic.connect.common.config.EpisodicSourceConfig;
import dev.episodic.connect.common.cursor.OffsetMap;
import dev.episodic.connect.common.cursor.StreamCursor;
import dev.episodic.connect.common.event.EpisodicEvent;
import dev.episodic.connect.common.event.SourceType;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.Test;

class EpisodicSourceTaskTest {
    static final class Config extends EpisodicSourceConfig {
        Config(final Map<String, String> props) {
            super(commonDefinition("t", 60_000, 3), props);
        }
    }

    record Seq(long seq) implements StreamCursor {
        @Override
        public Map<String, Object> toOffset() {
            return OffsetMap.of(1, seq).build();
        }
    }

    /** A task whose fill steps are scripted: a number means "that many events", otherwise the exception. */
    static final class ScriptedTask extends EpisodicSourceTask<Config> {
        final Deque<Object> script = new ArrayDeque<>();
        long seq;
        boolean closed;

        @Override
        public String version() {
            return "test";
        }

        @Override
        protected Config parseConfig(final Map<String, String> props) {
            return new Config(props);
        }

        @Override
        protected void open(final Config config) {
        }

        @Override
        protected void fill(final EventBatch batch) {
            Object step = script.isEmpty() ? 0 : script.poll();
            if (step instanceof RuntimeException) {
                throw (RuntimeException) step;
            }
            int n = (Integer) step;
            for (int i = 0; i < n && batch.hasRoom(); i++) {
                seq++;
                batch.add(Map.of("stream", "s"), new Seq(seq), EpisodicEvent.builder().eventId("e" + seq)
                        .sourceType(SourceType.GIT).sourceId(config().sourceId()).stream("s").sequence(seq)
                        .eventType("x").occurredAt(Instant.EPOCH).ingestedAt(batch.ingestedAt()).build());
            }
        }

        @Override
        protected void close() {
            closed = true;
        }
    }

    private static ScriptedTask started(final Object... steps) {
        ScriptedTask task = new ScriptedTask();
        task.script.addAll(List.of(steps));
        task.start(Map.of("source.id", "src", "poll.interval.ms", "60000"));
        return task;
    }

    @Test
    void boundedBatchesAndNoWaitWhileMoreIsAvailable() throws Exception {
        ScriptedTask task = started(5, 1);
        List<SourceRecord> first = task.poll();
        assertThat(first).hasSize(3);
        assertThat(first.get(2).sourceOffset().get("seq")).isEqualTo(3L);
        // The batch was full, so the next poll runs at once rather than after the 60 s interval.
        assertThat(task.poll()).hasSize(1);
    }

    @Test
    void pollNeverBlocksLongerThanASecondAndStopWakesIt() throws Exception {
        ScriptedTask task = started(0);
        assertThat(task.poll()).isNull();
        long start = System.nanoTime();
        assertThat(task.poll()).isNull();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(1_500));

        CompletableFuture<List<SourceRecord>> waiting = CompletableFuture.supplyAsync(() -> {
            try {
                return task.poll();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        Thread.sleep(100);
        long stopAt = System.nanoTime();
        task.stop();
        assertThat(waiting.get(2, TimeUnit.SECONDS)).isNull();
        assertThat(Duration.ofNanos(System.nanoTime() - stopAt)).isLessThan(Duration.ofMillis(500));
        assertThat(task.closed).isTrue();
        assertThat(task.poll()).isNull();
    }

    @Test
    void retriableFaultsBackOffAndThenResume() throws Exception {
        ScriptedTask task = started(new RetryLaterException("429 from source", Duration.ofMillis(300), null), 2);
        assertThat(task.poll()).isNull();
        long start = System.nanoTime();
        List<SourceRecord> records = null;
        while (records == null && System.nanoTime() - start < 5_000_000_000L) {
            records = task.poll();
        }
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(250));
        assertThat(records).hasSize(2);
    }

    @Test
    void faultsAndEventsAreCountedInTheTaskMetrics() throws Exception {
        ScriptedTask task = started(new RateLimitedException("429 from source", Duration.ofMillis(200)),
                new RetryLaterException("502 from source"), 2);
        assertThat(task.poll()).isNull();
        assertThat(task.metrics().rateLimitWaits()).isEqualTo(1);
        assertThat(task.metrics().rateLimitWaitMs()).isGreaterThanOrEqualTo(200);
        assertThat(task.metrics().retries()).isEqualTo(1);
        List<SourceRecord> records = null;
        long start = System.nanoTime();
        while (records == null && System.nanoTime() - start < 10_000_000_000L) {
            records = task.poll();
        }
        assertThat(records).hasSize(2);
        assertThat(task.metrics().retries()).isEqualTo(2);
        assertThat(task.metrics().rateLimitWaits()).isEqualTo(1);
        assertThat(task.metrics().eventsEmitted()).isEqualTo(2);
        assertThat(task.metrics().lastSequence("s")).isEqualTo(2);
    }

    @Test
    void otherFaultsFailTheTaskWithTheMessage() {
        ScriptedTask task = started(new IllegalStateException("repository /x vanished"));
        assertThatThrownBy(task::poll).isInstanceOf(ConnectException.class).hasMessageContaining("repository /x vanished");
    }
}
