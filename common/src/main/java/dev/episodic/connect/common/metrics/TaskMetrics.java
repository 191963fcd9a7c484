package dev.episodic.connect.common.metrics;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.metrics.Gauge;
import org.apache.kafka.common.metrics.PluginMetrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The numbers an operator needs to see whether a task keeps up, published through Connect's plugin metrics so
 * they appear in JMX ({@code kafka.connect:type=plugins,connector=…,task=…}) and in every metrics reporter of
 * the worker. Every connector gets the same names; see the README's metrics table.
 *
 * <p>Counters are written by the task thread and read by reporters on other threads, hence {@link LongAdder}s
 * and volatile per-stream state. Recording is cheap enough for the per-event path: the last stream's gauge is
 * cached, so a batch from one stream does one map lookup, not one per event.
 */
public final class TaskMetrics {
    private static final Logger LOG = LoggerFactory.getLogger(TaskMetrics.class);

    private final PluginMetrics plugin;
    private final Clock clock;
    private final LongAdder events = new LongAdder();
    private final LongAdder requests = new LongAdder();
    private final LongAdder notModified = new LongAdder();
    private final LongAdder rateLimitWaits = new LongAdder();
    private final LongAdder rateLimitWaitMs = new LongAdder();
    private final LongAdder unparsed = new LongAdder();
    private final LongAdder retries = new LongAdder();
    private final Map<String, StreamProgress> streams = new ConcurrentHashMap<>();
    private StreamProgress lastStream;

    private TaskMetrics(final PluginMetrics plugin, final Clock clock) {
        this.plugin = plugin;
        this.clock = clock;
    }

    /**
     * Metrics published through {@code plugin}; {@code null} (a runtime without plugin metrics, a unit test)
     * keeps the counts in memory only.
     */
    public static TaskMetrics publishedTo(final PluginMetrics plugin, final Clock clock) {
        TaskMetrics metrics = new TaskMetrics(plugin, clock);
        metrics.register(MetricNames.EVENTS_EMITTED, metrics.events);
        metrics.register(MetricNames.SOURCE_REQUESTS, metrics.requests);
        metrics.register(MetricNames.SOURCE_NOT_MODIFIED, metrics.notModified);
        metrics.register(MetricNames.RATE_LIMIT_WAITS, metrics.rateLimitWaits);
        metrics.register(MetricNames.RATE_LIMIT_WAIT_MS, metrics.rateLimitWaitMs);
        metrics.register(MetricNames.UNPARSED_INPUTS, metrics.unparsed);
        metrics.register(MetricNames.RETRIES, metrics.retries);
        return metrics;
    }

    /** Counts in memory only, published nowhere. */
    public static TaskMetrics unpublished(final Clock clock) {
        return publishedTo(null, clock);
    }

    /**
     * {@code count} events of one stream handed to Connect, the last of them with {@code sequence} and
     * {@code occurredAtMs} (the stream's last sequence and the time its newest event occurred): a batch reports
     * each run of one stream's events once, not per event (each report is an atomic add and two volatile writes).
     */
    public void eventsEmittedFor(final String stream, final long count, final long sequence,
                                 final long occurredAtMs) {
        events.add(count);
        StreamProgress progress = lastStream;
        if (progress == null || !progress.stream.equals(stream)) {
            progress = streams.computeIfAbsent(stream, this::registerStream);
            lastStream = progress;
        }
        progress.lastSequence = sequence;
        progress.lastOccurredAtMs = occurredAtMs;
    }

    /** One request sent to the source API (HTTP call, database query), whatever its answer. */
    public void sourceRequest() {
        requests.increment();
    }

    /** A conditional request the source answered 304 Not Modified (also counted as a request). */
    public void notModified() {
        notModified.increment();
    }

    /** The task waited {@code waitMs} because the source's rate limit or quota said so. */
    public void rateLimitWait(final long waitMs) {
        rateLimitWaits.increment();
        rateLimitWaitMs.add(Math.max(0, waitMs));
    }

    /** Input that did not parse and was emitted as an {@code *_unparsed} event instead of being dropped. */
    public void unparsedInput() {
        unparsed.increment();
    }

    /** A retriable fault: the task backs off and tries again. */
    public void retry() {
        retries.increment();
    }

    public long eventsEmitted() {
        return events.sum();
    }

    public long sourceRequests() {
        return requests.sum();
    }

    public long notModifiedAnswers() {
        return notModified.sum();
    }

    public long rateLimitWaits() {
        return rateLimitWaits.sum();
    }

    public long rateLimitWaitMs() {
        return rateLimitWaitMs.sum();
    }

    public long unparsedInputs() {
        return unparsed.sum();
    }

    public long retries() {
        return retries.sum();
    }

    /** The stream's last emitted sequence, 0 before its first event in this task's life. */
    public long lastSequence(final String stream) {
        StreamProgress progress = streams.get(stream);
        return progress == null ? 0 : progress.lastSequence;
    }

    /** Now minus {@code occurred_at} of the stream's newest emitted event; -1 before its first event. */
    public long lagMs(final String stream) {
        StreamProgress progress = streams.get(stream);
        return progress == null ? -1 : clock.millis() - progress.lastOccurredAtMs;
    }

    private void register(final MetricNames name, final LongAdder counter) {
        if (plugin != null) {
            plugin.addMetric(plugin.metricName(name.metric(), name.description(), new LinkedHashMap<>()),
                    (Gauge<Long>) (config, now) -> counter.sum());
        }
    }

    private StreamProgress registerStream(final String stream) {
        StreamProgress progress = new StreamProgress(stream);
        if (plugin != null) {
            LinkedHashMap<String, String> tags = new LinkedHashMap<>();
            tags.put(MetricNames.STREAM_TAG, stream);
            try {
                MetricName sequence = plugin.metricName(MetricNames.STREAM_LAST_SEQUENCE.metric(),
                        MetricNames.STREAM_LAST_SEQUENCE.description(), tags);
                plugin.addMetric(sequence, (Gauge<Long>) (config, now) -> progress.lastSequence);
                MetricName lag = plugin.metricName(MetricNames.STREAM_LAG_MS.metric(),
                        MetricNames.STREAM_LAG_MS.description(), tags);
                plugin.addMetric(lag, (Gauge<Long>) (config, now) -> now - progress.lastOccurredAtMs);
            } catch (IllegalArgumentException e) {
                // Registered already: a stream that moved away from this task and back in a reconfiguration.
                LOG.debug("stream metrics for {} already registered: {}", stream, e.getMessage());
            }
        }
        return progress;
    }

    /** Per-stream state read by reporter threads. */
    private static final class StreamProgress {
        private final String stream;
        private volatile long lastSequence;
        private volatile long lastOccurredAtMs;

        StreamProgress(final String stream) {
            this.stream = stream;
        }
    }
}
