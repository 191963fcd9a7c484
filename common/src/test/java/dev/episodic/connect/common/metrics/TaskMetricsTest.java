package dev.episodic.connect.common.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.episodic.connect.common.testkit.ManualClock;
import java.time.Instant;
import java.util.Map;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.metrics.KafkaMetric;
import org.apache.kafka.common.metrics.Metrics;
import org.apache.kafka.common.metrics.internals.PluginMetricsImpl;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class TaskMetricsTest {
    private final Metrics registry = new Metrics();
    private final PluginMetricsImpl plugin = new PluginMetricsImpl(registry, Map.of("connector", "c", "task", "0"));
    private final ManualClock clock = ManualClock.fixedAt(Instant.parse("2026-01-01T00:00:10Z"));
    private final TaskMetrics metrics = TaskMetrics.publishedTo(plugin, clock);

    @AfterEach
    void closeRegistry() throws Exception {
        plugin.close();
        registry.close();
    }

    @Test
    void countersArePublishedUnderTheDocumentedNames() {
        metrics.sourceRequest();
        metrics.sourceRequest();
        metrics.notModified();
        metrics.rateLimitWait(1_500);
        metrics.rateLimitWait(-5);
        metrics.unparsedInput();
        metrics.retry();

        assertThat(value(MetricNames.SOURCE_REQUESTS, Map.of())).isEqualTo(2L);
        assertThat(value(MetricNames.SOURCE_NOT_MODIFIED, Map.of())).isEqualTo(1L);
        assertThat(value(MetricNames.RATE_LIMIT_WAITS, Map.of())).isEqualTo(2L);
        assertThat(value(MetricNames.RATE_LIMIT_WAIT_MS, Map.of())).isEqualTo(1_500L);
        assertThat(value(MetricNames.UNPARSED_INPUTS, Map.of())).isEqualTo(1L);
        assertThat(value(MetricNames.RETRIES, Map.of())).isEqualTo(1L);
        assertThat(value(MetricNames.EVENTS_EMITTED, Map.of())).isEqualTo(0L);
    }

    @Test
    void eachStreamPublishesItsLastSequenceAndLag() {
        long occurred = Instant.parse("2026-01-01T00:00:04Z").toEpochMilli();
        metrics.eventsEmittedFor("a", 1, 1, occurred - 1_000);
        metrics.eventsEmittedFor("a", 1, 2, occurred);
        metrics.eventsEmittedFor("b", 1, 7, occurred - 60_000);
        metrics.eventsEmittedFor("a", 1, 3, occurred);

        assertThat(value(MetricNames.EVENTS_EMITTED, Map.of())).isEqualTo(4L);
        assertThat(value(MetricNames.STREAM_LAST_SEQUENCE, Map.of("stream", "a"))).isEqualTo(3L);
        assertThat(value(MetricNames.STREAM_LAST_SEQUENCE, Map.of("stream", "b"))).isEqualTo(7L);
        assertThat(metrics.lagMs("a")).isEqualTo(6_000L);
        assertThat(metrics.lagMs("b")).isEqualTo(66_000L);
        assertThat(metrics.lagMs("unknown")).isEqualTo(-1L);
        assertThat(metrics.lastSequence("unknown")).isZero();
    }

    @Test
    void unpublishedMetricsStillCount() {
        TaskMetrics local = TaskMetrics.unpublished(clock);
        local.eventsEmittedFor("s", 1, 1, clock.millis());
        local.notModified();
        assertThat(local.eventsEmitted()).isEqualTo(1);
        assertThat(local.notModifiedAnswers()).isEqualTo(1);
        assertThat(local.lagMs("s")).isZero();
    }

    private Object value(final MetricNames name, final Map<String, String> extraTags) {
        return registry.metrics().entrySet().stream()
                .filter(e -> e.getKey().name().equals(name.metric()) && e.getKey().group().equals("plugins")
                        && e.getKey().tags().entrySet().containsAll(extraTags.entrySet())
                        && e.getKey().tags().size() == 2 + extraTags.size())
                .map(Map.Entry<MetricName, KafkaMetric>::getValue)
                .findFirst().orElseThrow(() -> new AssertionError("no metric " + name.metric() + " " + extraTags))
                .metricValue();
    }
}
