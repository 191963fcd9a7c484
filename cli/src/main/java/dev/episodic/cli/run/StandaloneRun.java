package dev.episodic.cli.run;

import dev.episodic.cli.ConnectorRequest;
import dev.episodic.cli.UsageException;
import dev.episodic.connect.common.store.SqliteCursorStore;
import dev.episodic.connect.common.store.StoreOffsetReader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.common.config.Config;
import org.apache.kafka.common.config.ConfigValue;
import org.apache.kafka.common.metrics.Metrics;
import org.apache.kafka.common.metrics.PluginMetrics;
import org.apache.kafka.common.metrics.internals.PluginMetricsImpl;
import org.apache.kafka.connect.connector.ConnectorContext;
import org.apache.kafka.connect.source.SourceConnector;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.source.SourceTask;
import org.apache.kafka.connect.source.SourceTaskContext;
import org.apache.kafka.connect.storage.OffsetStorageReader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one connector in this process, as a Connect worker would but without Kafka for offsets: the tasks read
 * their cursors from the SQLite store, every batch is delivered to the sink, and only then are the offsets of
 * that batch saved. A crash can therefore repeat the last batch (same key, sequence and event_id) but never
 * skip an event.
 */
public final class StandaloneRun {
    private static final Logger LOG = LoggerFactory.getLogger(StandaloneRun.class);

    private final ConnectorRequest request;
    private final SourceConnector connector;
    private final SqliteCursorStore store;
    private final EventSink sink;
    private final boolean once;
    private final Object deliveryLock = new Object();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private final AtomicLong delivered = new AtomicLong();
    private final List<SourceTask> tasks = new ArrayList<>();
    /** Plugins may register metrics; a standalone run keeps them in memory only (no reporter). */
    private final Metrics metrics = new Metrics();
    private volatile boolean stopping;

    public StandaloneRun(final ConnectorRequest request, final SourceConnector connector, final SqliteCursorStore store,
                         final EventSink sink, final boolean once) {
        this.request = request;
        this.connector = connector;
        this.store = store;
        this.sink = sink;
        this.once = once;
    }

    /** Starts the tasks and blocks until they are done ({@code once}) or {@link #stop()} is called. */
    public RunSummary run() throws Exception {
        try {
            connector.initialize(new StandaloneConnectorContext());
            connector.start(request.config());
            List<Map<String, String>> taskConfigs = connector.taskConfigs(request.tasksMax());
            List<Thread> threads = new ArrayList<>();
            synchronized (tasks) {
                for (Map<String, String> taskConfig : taskConfigs) {
                    tasks.add(connector.taskClass().asSubclass(SourceTask.class).getDeclaredConstructor().newInstance());
                }
            }
            for (int i = 0; i < taskConfigs.size(); i++) {
                SourceTask task = tasks.get(i);
                Map<String, String> taskConfig = taskConfigs.get(i);
                Thread t = new Thread(() -> runTask(task, taskConfig), request.name() + "-task-" + i);
                threads.add(t);
                t.start();
            }
            for (Thread t : threads) {
                t.join();
            }
        } finally {
            try {
                connector.stop();
            } finally {
                metrics.close();
            }
        }
        Throwable failed = failure.get();
        if (failed instanceof Exception) {
            throw (Exception) failed;
        }
        if (failed != null) {
            throw new IllegalStateException(failed);
        }
        return new RunSummary(delivered.get(), stopping && !once);
    }

    /** Asks the tasks to stop; the batch in hand is still delivered and its cursors saved. Safe from any thread. */
    public void stop() {
        stopping = true;
        synchronized (tasks) {
            for (SourceTask task : tasks) {
                task.stop();
            }
        }
    }

    /** The connector's own validation, as a worker's validate endpoint runs it; errors name key and fix. */
    public static void validate(final SourceConnector connector, final ConnectorRequest request) {
        Config result = connector.validate(request.config());
        List<String> problems = new ArrayList<>();
        for (ConfigValue value : result.configValues()) {
            for (String message : value.errorMessages()) {
                problems.add(value.name() + ": " + message);
            }
        }
        if (!problems.isEmpty()) {
            throw new UsageException("The connector config is invalid:\n  " + String.join("\n  ", problems));
        }
    }

    private void runTask(final SourceTask task, final Map<String, String> taskConfig) {
        // Connectors load their own resources (service files, drivers) through the context loader, as on a worker.
        Thread.currentThread().setContextClassLoader(connector.getClass().getClassLoader());
        try {
            task.initialize(new StandaloneTaskContext(taskConfig, new StoreOffsetReader(store, request.sourceId()),
                    new PluginMetricsImpl(metrics, Map.of("connector", request.name(), "task", Thread.currentThread().getName()))));
            task.start(taskConfig);
            while (!stopping && failure.get() == null) {
                List<SourceRecord> records = task.poll();
                if (records == null || records.isEmpty()) {
                    if (once) {
                        break;
                    }
                    continue;
                }
                deliver(task, records);
            }
        } catch (Throwable e) {
            failure.compareAndSet(null, e);
            stop();
        } finally {
            task.stop();
        }
    }

    private void deliver(final SourceTask task, final List<SourceRecord> records) throws Exception {
        Map<Map<String, ?>, Map<String, ?>> offsets = new LinkedHashMap<>();
        for (SourceRecord record : records) {
            offsets.put(record.sourcePartition(), record.sourceOffset());
        }
        synchronized (deliveryLock) {
            sink.deliver(records);
            // The events are durable now, so the cursor may move past them.
            store.putAll(request.sourceId(), offsets);
        }
        delivered.addAndGet(records.size());
        for (SourceRecord record : records) {
            task.commitRecord(record, null);
        }
        task.commit();
    }

    /** What a run did: events delivered and whether it ended because it was asked to stop. */
    public record RunSummary(long events, boolean interrupted) {
    }

    private final class StandaloneConnectorContext implements ConnectorContext {
        @Override
        public void requestTaskReconfiguration() {
            LOG.warn("Connector {} asked for new task configs; a standalone run applies them on its next start",
                    request.name());
        }

        @Override
        public void raiseError(final Exception e) {
            failure.compareAndSet(null, e);
            stop();
        }

        private final PluginMetrics pluginMetrics = new PluginMetricsImpl(metrics, Map.of("connector", request.name()));

        @Override
        public PluginMetrics pluginMetrics() {
            return pluginMetrics;
        }
    }

    private static final class StandaloneTaskContext implements SourceTaskContext {
        private final Map<String, String> configs;
        private final OffsetStorageReader reader;
        private final PluginMetrics pluginMetrics;

        StandaloneTaskContext(final Map<String, String> configs, final OffsetStorageReader reader, final PluginMetrics pluginMetrics) {
            this.configs = configs;
            this.reader = reader;
            this.pluginMetrics = pluginMetrics;
        }

        @Override
        public PluginMetrics pluginMetrics() {
            return pluginMetrics;
        }

        @Override
        public Map<String, String> configs() {
            return configs;
        }

        @Override
        public OffsetStorageReader offsetStorageReader() {
            return reader;
        }
    }
}
