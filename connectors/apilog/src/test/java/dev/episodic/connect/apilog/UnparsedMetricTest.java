package dev.episodic.connect.apilog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.metrics.Gauge;
import org.apache.kafka.common.metrics.MetricValueProvider;
import org.apache.kafka.common.metrics.PluginMetrics;
import org.apache.kafka.connect.source.SourceTaskContext;
import org.apache.kafka.connect.storage.OffsetStorageReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mockito.ArgumentCaptor;

/** Unparsed lines are counted in the task metric unparsed-lines-total, removed again when the task stops. */
class UnparsedMetricTest {
    @TempDir
    Path dir;

    @Test
    void unparsedLinesAreCountedInATaskMetric() throws Exception {
        Path log = dir.resolve("access.log");
        Files.writeString(log, "garbage one\n" + LogLines.line(1) + "\ngarbage two\n");
        PluginMetrics metrics = mock(PluginMetrics.class);
        MetricName name = new MetricName("unparsed-lines-total", "plugins", "", new LinkedHashMap<>());
        when(metrics.metricName(anyString(), anyString(), any())).thenReturn(name);
        SourceTaskContext context = mock(SourceTaskContext.class);
        when(context.offsetStorageReader()).thenReturn(mock(OffsetStorageReader.class));
        when(context.pluginMetrics()).thenReturn(metrics);
        ApiLogSourceTask task = new ApiLogSourceTask();
        task.initialize(context);
        task.start(Map.of("name", "m", "apilog.paths", log.toString(), "apilog.format", "combined"));
        try {
            assertThat(task.poll()).hasSize(4);
        } finally {
            task.stop();
        }
        @SuppressWarnings("unchecked")
        ArgumentCaptor<MetricValueProvider<?>> provider = ArgumentCaptor.forClass(MetricValueProvider.class);
        verify(metrics).addMetric(org.mockito.ArgumentMatchers.eq(name), provider.capture());
        // Three lines did not parse: two garbage lines and the empty line.
        assertThat(((Gauge<?>) provider.getValue()).value(null, 0)).isEqualTo(3L);
        verify(metrics).removeMetric(name);
    }
}
