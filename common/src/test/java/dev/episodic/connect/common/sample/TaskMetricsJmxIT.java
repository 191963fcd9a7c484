package dev.episodic.connect.common.sample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.episodic.connect.common.metrics.MetricNames;
import dev.episodic.connect.common.testkit.EpisodicConnectCluster;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reads every task metric of the common module through JMX from a running worker, the way an operator's
 * JMX exporter would: the plugin metrics MBeans of the sample connector's task and its streams.
 */
class TaskMetricsJmxIT {
    private static final String CONNECTOR = "lines-jmx";
    private static final MBeanServer JMX = ManagementFactory.getPlatformMBeanServer();

    private static EpisodicConnectCluster cluster;

    @TempDir
    Path dir;

    @BeforeAll
    static void startCluster() {
        cluster = EpisodicConnectCluster.start("metrics-jmx");
    }

    @AfterAll
    static void stopCluster() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void everyMetricIsReadableThroughJmxAndMoves() throws Exception {
        Path file = dir.resolve("a.log");
        Files.writeString(file, "one\n\nthree\n");
        Map<String, String> config = new HashMap<>();
        config.put("connector.class", LinesSourceConnector.class.getName());
        config.put("tasks.max", "1");
        config.put("topic", "metrics.lines");
        config.put("poll.interval.ms", "100");
        config.put("lines.files", file.toString());
        cluster.rest().putConfig(CONNECTOR, config);

        ObjectName task = taskMBean();
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            assertThat(read(task, MetricNames.EVENTS_EMITTED)).isEqualTo(3);
            assertThat(read(task, MetricNames.UNPARSED_INPUTS)).isEqualTo(1);
            assertThat(read(task, MetricNames.SOURCE_NOT_MODIFIED)).isPositive();
        });
        assertThat(read(task, MetricNames.SOURCE_REQUESTS)).isGreaterThan(read(task, MetricNames.SOURCE_NOT_MODIFIED));
        assertThat(read(task, MetricNames.RATE_LIMIT_WAITS)).isZero();
        assertThat(read(task, MetricNames.RATE_LIMIT_WAIT_MS)).isZero();

        ObjectName stream = streamMBean("lines:a.log");
        assertThat(read(stream, MetricNames.STREAM_LAST_SEQUENCE)).isEqualTo(3);
        // The sample's lines occurred in November 2023: the lag is the time since then.
        assertThat(read(stream, MetricNames.STREAM_LAG_MS))
                .isGreaterThan(Duration.ofDays(365).toMillis());

        Files.writeString(file, "four\n", StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(read(stream, MetricNames.STREAM_LAST_SEQUENCE)).isEqualTo(4));

        Files.delete(file);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(read(task, MetricNames.RETRIES)).isPositive());
        cluster.rest().deleteConnector(CONNECTOR);
    }

    private static long read(final ObjectName name, final MetricNames metric) throws Exception {
        Object value = JMX.getAttribute(name, metric.metric());
        return ((Number) value).longValue();
    }

    private static ObjectName taskMBean() throws Exception {
        return awaitOne(new ObjectName("kafka.connect:type=plugins,connector=" + CONNECTOR + ",task=0"));
    }

    private static ObjectName streamMBean(final String stream) throws Exception {
        return awaitOne(new ObjectName("kafka.connect:type=plugins,connector=" + CONNECTOR + ",task=0,"
                + MetricNames.STREAM_TAG + "=" + ObjectName.quote(stream)));
    }

    private static ObjectName awaitOne(final ObjectName pattern) {
        await().atMost(Duration.ofSeconds(60)).until(() -> !JMX.queryNames(pattern, null).isEmpty());
        Set<ObjectName> names = JMX.queryNames(pattern, null);
        assertThat(names).hasSize(1);
        return names.iterator().next();
    }
}
