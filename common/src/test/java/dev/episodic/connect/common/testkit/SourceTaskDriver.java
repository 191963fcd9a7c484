package dev.episodic.connect.common.testkit;

import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import dev.episodic.connect.common.event.EpisodicEvent;
import dev.episodic.connect.common.event.EventSchemas;
import dev.episodic.connect.common.metrics.MetricNames;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.metrics.Metrics;
import org.apache.kafka.common.metrics.internals.PluginMetricsImpl;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.source.SourceConnector;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.source.SourceTask;
import org.apache.kafka.connect.source.SourceTaskContext;
import org.apache.kafka.connect.storage.OffsetStorageReader;

/**
 * Drives a source task outside Connect, as a worker would: the task's config comes from its connector's
 * {@code taskConfigs}, every record a poll returns is "committed" (its offset becomes what the task reads back
 * after {@link #start() a restart}), and polls can be repeated until the task has nothing more to say. The task
 * gets real plugin metrics, readable with {@link #metric} and {@link #streamMetric}.
 *
 * @param <T> the task type
 */
public final class SourceTaskDriver<T extends SourceTask> {
    private final Map<Map<String, ?>, Map<String, Object>> committed = new HashMap<>();
    private final List<SourceRecord> records = new ArrayList<>();
    private final Supplier<? extends SourceConnector> newConnector;
    private final Supplier<T> newTask;
    private final Map<String, String> connectorProps;
    private T task;
    private Metrics metrics;
    private PluginMetricsImpl pluginMetrics;

    public SourceTaskDriver(final Supplier<? extends SourceConnector> newConnector, final Supplier<T> newTask,
                            final Map<String, String> connectorProps) {
        this.newConnector = newConnector; // null: the properties are the task's own (see ofTask)
        this.newTask = newTask;
        this.connectorProps = new HashMap<>(connectorProps);
    }

    /** A driver that gives the task {@code taskProps} as they are, for tests of a task apart from its connector. */
    public static <T extends SourceTask> SourceTaskDriver<T> ofTask(final Supplier<T> newTask, final Map<String, String> taskProps) {
        return new SourceTaskDriver<>(null, newTask, taskProps);
    }

    /** Connector properties (task properties for {@link #ofTask}), for tests that change them between restarts. */
    public Map<String, String> connectorProps() {
        return connectorProps;
    }

    /** Offsets committed so far, by source partition; tests may corrupt or rewind them before a restart. */
    public Map<Map<String, ?>, Map<String, Object>> committed() {
        return committed;
    }

    /** Every record handed over since the driver was made. */
    public List<SourceRecord> records() {
        return records;
    }

    public T task() {
        return task;
    }

    /** Starts a fresh task (as after a restart) that reads the committed offsets. */
    public SourceTaskDriver<T> start() {
        stop();
        Map<String, String> taskProps = connectorProps;
        if (newConnector != null) {
            SourceConnector connector = newConnector.get();
            connector.start(connectorProps);
            taskProps = connector.taskConfigs(1).get(0);
            connector.stop();
        }
        task = newTask.get();
        SourceTaskContext context = mock(SourceTaskContext.class);
        when(context.offsetStorageReader()).thenReturn(new CommittedOffsets());
        when(context.configs()).thenReturn(taskProps);
        metrics = new Metrics();
        pluginMetrics = new PluginMetricsImpl(metrics, Map.of("connector", "driver", "task", "0"));
        when(context.pluginMetrics()).thenReturn(pluginMetrics);
        task.initialize(context);
        task.start(taskProps);
        return this;
    }

    /** One poll; its records are committed. */
    public List<EpisodicEvent> pollOnce() throws InterruptedException {
        List<SourceRecord> batch = task.poll();
        List<EpisodicEvent> events = new ArrayList<>();
        if (batch != null) {
            for (SourceRecord r : batch) {
                committed.put(r.sourcePartition(), new HashMap<>(r.sourceOffset()));
                records.add(r);
                events.add(EventSchemas.fromStruct((Struct) r.value()));
            }
        }
        return events;
    }

    /** Polls until one poll returns nothing: enough for tasks that look at their source on every poll. */
    public List<EpisodicEvent> drain() throws InterruptedException {
        return drainUntilQuiet(1, Duration.ZERO, Duration.ofSeconds(60));
    }

    /**
     * Polls until {@code emptyPolls} polls in a row returned nothing, pausing {@code pause} after each empty one, or
     * until {@code timeout}: for tasks that look at their source on their own schedule.
     */
    public List<EpisodicEvent> drainUntilQuiet(final int emptyPolls, final Duration pause, final Duration timeout)
            throws InterruptedException {
        List<EpisodicEvent> all = new ArrayList<>();
        int empty = 0;
        long deadline = System.nanoTime() + timeout.toNanos();
        while (empty < emptyPolls && System.nanoTime() < deadline) {
            List<EpisodicEvent> batch = pollOnce();
            all.addAll(batch);
            empty = batch.isEmpty() ? empty + 1 : 0;
            if (batch.isEmpty() && !pause.isZero()) {
                Thread.sleep(pause.toMillis());
            }
        }
        return all;
    }

    public void stop() {
        if (task != null) {
            task.stop();
            task = null;
        }
        if (metrics != null) {
            metrics.close(); // a restarted task starts its counts from zero, as on a worker
            metrics = null;
        }
    }

    /** A task-level metric of the running task, as a worker's reporter would read it. */
    public long metric(final MetricNames name) {
        return read(name, Map.of("connector", "driver", "task", "0"));
    }

    /** A per-stream metric of the running task. */
    public long streamMetric(final MetricNames name, final String stream) {
        return read(name, Map.of("connector", "driver", "task", "0", MetricNames.STREAM_TAG, stream));
    }

    private long read(final MetricNames name, final Map<String, String> tags) {
        if (metrics == null) {
            throw new IllegalStateException("no task is running");
        }
        MetricName metricName = metrics.metricName(name.metric(), "plugins", tags);
        var metric = metrics.metric(metricName);
        if (metric == null) {
            throw new AssertionError("metric " + name.metric() + " " + tags + " is not registered");
        }
        return ((Number) metric.metricValue()).longValue();
    }

    /** The worker's offset reader, over what this driver committed. */
    private final class CommittedOffsets implements OffsetStorageReader {
        @Override
        public <P> Map<String, Object> offset(final Map<String, P> partition) {
            return committed.get(partition);
        }

        @Override
        public <P> Map<Map<String, P>, Map<String, Object>> offsets(final Collection<Map<String, P>> partitions) {
            Map<Map<String, P>, Map<String, Object>> out = new HashMap<>();
            partitions.forEach(p -> out.put(p, committed.get(p)));
            return out;
        }
    }
}
