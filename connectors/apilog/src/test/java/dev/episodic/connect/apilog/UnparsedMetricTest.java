package dev.episodic.connect.apilog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import dev.episodic.connect.common.metrics.MetricNames;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.metrics.Gauge;
import org.apache.kafka.common.metrics.MetricValueProvider;
import org.apache.kafka.common.metrics.PluginMetrics;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.source.SourceTaskContext;
import org.apache.kafka.connect.storage.OffsetStorageReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Unparsed lines are counted in the common task metric unparsed-inputs-total; source-requests-total stays 0
 * (reading a file is not a request to a source API).
 */
class UnparsedMetricTest {
    @TempDir
    Path dir;

    @Test
    void unparsedLinesAreCountedInTheTaskMetric() throws Exception {
        Path log = dir.resolve("access.log");
        Files.writeString(log, "garbage one\n" + LogLines.line(1) + "\ngarbage two\n");
        Map<String, MetricValueProvider<?>> registered = new HashMap<>();
        PluginMetrics metrics = mock(PluginMetrics.class);
        when(metrics.metricName(anyString(), anyString(), any())).thenAnswer(call ->
                new MetricName(call.getArgument(0), "plugins", call.getArgument(1),
                        new LinkedHashMap<String, String>(call.getArgument(2))));
        org.mockito.Mockito.doAnswer(call -> {
            registered.put(((MetricName) call.getArgument(0)).name(), call.getArgument(1));
            return null;
        }).when(metrics).addMetric(any(), any());
        SourceTaskContext context = mock(SourceTaskContext.class);
        when(context.offsetStorageReader()).thenReturn(mock(OffsetStorageReader.class));
        when(context.pluginMetrics()).thenReturn(metrics);
        ApiLogSourceTask task = new ApiLogSourceTask();
        task.initialize(context);
        task.start(Map.of("name", "m", "apilog.paths", log.toString(), "apilog.format", "combined"));
        try {
            List<SourceRecord> records = task.poll();
            assertThat(records).hasSize(4);
        } finally {
            task.stop();
        }
        // Three lines did not parse: two garbage lines and the empty line.
        assertThat(value(registered, MetricNames.UNPARSED_INPUTS)).isEqualTo(3L);
        assertThat(value(registered, MetricNames.EVENTS_EMITTED)).isEqualTo(4L);
        assertThat(value(registered, MetricNames.SOURCE_REQUESTS)).isEqualTo(0L);
        assertThat(task.unparsedLines()).isEqualTo(3L);
    }

    private static Object value(final Map<String, MetricValueProvider<?>> registered, final MetricNames name) {
        assertThat(registered).containsKey(name.metric());
        return ((Gauge<?>) registered.get(name.metric())).value(null, 0);
    }
}
