package dev.episodic.connect.apilog;

import dev.episodic.connect.common.connector.Versions;
import dev.episodic.connect.common.task.EpisodicSourceTask;
import dev.episodic.connect.common.task.EventBatch;
import dev.episodic.connect.common.task.RetryLaterException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.metrics.Gauge;
import org.apache.kafka.common.metrics.PluginMetrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tails this task's share of the matching log files: every file whose stream name hashes to the task. The globs
 * are listed again at most once per poll interval, so files that start to match are picked up (from their start).
 */
public final class ApiLogSourceTask extends EpisodicSourceTask<ApiLogConfig> {
    private static final Logger LOG = LoggerFactory.getLogger(ApiLogSourceTask.class);

    private final Map<String, LogStream> streams = new LinkedHashMap<>();
    private final UnparsedLineLog unparsed = new UnparsedLineLog();
    private PathGlobs globs;
    private ReadSettings settings;
    private ApiLogEvents events;
    private long nextScanAtMs;
    private int rotation;
    private PluginMetrics metrics;
    private MetricName unparsedMetric;

    @Override
    public String version() {
        return Versions.projectVersion();
    }

    @Override
    protected ApiLogConfig parseConfig(final Map<String, String> props) {
        return new ApiLogConfig(props);
    }

    @Override
    protected void open(final ApiLogConfig config) {
        globs = PathGlobs.of(config.paths());
        settings = new ReadSettings(config.format(), config.jsonFields(), config.maxLineBytes(),
                ReadSettings.DEFAULT_BUFFER_BYTES, config.includePayload(), config.pollInterval().toNanos());
        events = new ApiLogEvents(config.sourceId(), config.includePayload(), new QueryRedactor(config.redactParams()));
        registerMetrics();
        try {
            scan(config.start() == StartPosition.END);
        } catch (IOException e) {
            throw new org.apache.kafka.connect.errors.ConnectException("Cannot open the log files of "
                    + ApiLogConfig.PATHS + ": " + e.getMessage() + "; check that the worker's user can read them", e);
        }
        nextScanAtMs = clock().millis() + config.pollInterval().toMillis();
    }

    private void registerMetrics() {
        try {
            metrics = context.pluginMetrics();
        } catch (UnsupportedOperationException e) {
            metrics = null;
        }
        if (metrics != null) {
            unparsedMetric = metrics.metricName("unparsed-lines-total",
                    "Lines that did not parse and were emitted as http_request_unparsed", new LinkedHashMap<>());
            metrics.addMetric(unparsedMetric, (Gauge<Long>) (cfg, now) -> unparsed.total());
        }
    }

    /** Lists the globs and opens streams for new matches of this task's share. */
    private void scan(final boolean startAtEnd) throws IOException {
        ApiLogConfig config = config();
        for (Path file : globs.resolve()) {
            String name = LogStream.streamName(file);
            if (streams.containsKey(name) || !ownedByThisTask(name, config)) {
                continue;
            }
            LogStream stream = new LogStream(file, settings, events, unparsed);
            Map<String, Object> offset = context.offsetStorageReader().offset(stream.partition());
            Optional<ApiLogFileCursor> cursor = ApiLogFileCursor.CODEC.read(name, offset);
            stream.open(cursor, startAtEnd);
            streams.put(name, stream);
            LOG.info("{}: reading {} from {}", getClass().getSimpleName(), file,
                    cursor.map(c -> "stored offset " + c.position() + " (seq " + c.seq() + ")")
                            .orElse(startAtEnd ? "its end" : "its beginning"));
        }
    }

    static boolean ownedByThisTask(final String stream, final ApiLogConfig config) {
        return Math.floorMod(stream.hashCode(), config.taskCount()) == config.taskIndex();
    }

    @Override
    protected void fill(final EventBatch batch) {
        try {
            long now = clock().millis();
            if (now >= nextScanAtMs) {
                scan(false);
                nextScanAtMs = now + config().pollInterval().toMillis();
            }
            List<LogStream> order = new ArrayList<>(streams.values());
            if (order.isEmpty()) {
                return;
            }
            // Start with a different stream each poll so a busy file cannot starve the others.
            rotation = (rotation + 1) % order.size();
            boolean more = false;
            for (int i = 0; i < order.size() && batch.hasRoom(); i++) {
                more |= order.get((rotation + i) % order.size()).poll(batch);
            }
            if (more || !batch.hasRoom()) {
                batch.markMoreAvailable();
            }
        } catch (IOException e) {
            throw new RetryLaterException("Reading the log files failed: " + e + "; retrying", e);
        }
    }

    /** Unparsed lines so far (also the task metric {@code unparsed-lines-total}). */
    long unparsedLines() {
        return unparsed.total();
    }

    @Override
    protected void close() {
        streams.values().forEach(LogStream::close);
        streams.clear();
        if (metrics != null && unparsedMetric != null) {
            metrics.removeMetric(unparsedMetric);
        }
    }
}
