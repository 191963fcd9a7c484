package dev.episodic.connect.apilog;

import dev.episodic.connect.common.connector.Versions;
import dev.episodic.connect.common.task.EpisodicSourceTask;
import dev.episodic.connect.common.task.EventBatch;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.connect.errors.ConnectException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tails this task's share of the matching log files: every file whose stream name hashes to the task. The globs
 * are listed again at most once per poll interval (on the task thread, which also reads the stored offsets), so
 * files that start to match are picked up (from their start). Reading and parsing run ahead on a
 * {@link ReadAhead} thread (parsing shared with the task thread); {@link #fill} turns the events into records.
 */
public final class ApiLogSourceTask extends EpisodicSourceTask<ApiLogConfig> {
    private static final Logger LOG = LoggerFactory.getLogger(ApiLogSourceTask.class);
    /** The longest a poll waits for the reader when nothing is ready (the base task's rhythm allows ~1 s). */
    private static final long MAX_FILL_WAIT_MS = 500;
    /** A file that could not be opened is tried again after this long (and WARNed about again). */
    private static final long OPEN_RETRY_MS = 30_000;

    private final Set<String> known = new HashSet<>();
    private final Map<String, Long> openRetryAt = new HashMap<>();
    private PathGlobs globs;
    private ReadSettings settings;
    private ApiLogEvents events;
    private UnparsedLineLog unparsed;
    private ReadAhead readAhead;
    private long nextScanAtMs;

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
        unparsed = new UnparsedLineLog(metrics());
        readAhead = new ReadAhead(config.sourceId() + "-" + config.taskIndex(), clock(),
                config.pollInterval().toMillis(), () -> new LineWorker(settings, events, unparsed));
        scan(config.start() == StartPosition.END);
        nextScanAtMs = clock().millis() + config.pollInterval().toMillis();
        readAhead.start();
    }

    /**
     * Lists the globs and hands streams for new matches of this task's share to the reader. A file that cannot be
     * opened is skipped with a WARN naming it and tried again later; the other files go on.
     */
    private void scan(final boolean startAtEnd) {
        ApiLogConfig config = config();
        Iterable<Path> files;
        try {
            files = globs.resolve();
        } catch (RuntimeException e) {
            LOG.warn("{}: listing {} failed ({}); keeping the files already open and listing again in {} ms. Check "
                    + "that the worker's user can read the folders.", getClass().getSimpleName(), ApiLogConfig.PATHS,
                    e.getMessage(), config.pollInterval().toMillis());
            return;
        }
        long now = clock().millis();
        for (Path file : files) {
            String name = LogStream.streamName(file);
            if (known.contains(name) || !ownedByThisTask(name, config) || openRetryAt.getOrDefault(name, 0L) > now) {
                continue;
            }
            LogStream stream = new LogStream(file, settings);
            Map<String, Object> offset = context.offsetStorageReader().offset(stream.partition());
            Optional<ApiLogFileCursor> cursor = ApiLogFileCursor.CODEC.read(name, offset);
            try {
                stream.open(cursor, startAtEnd);
            } catch (IOException e) {
                stream.close();
                openRetryAt.put(name, now + OPEN_RETRY_MS);
                LOG.warn("{}: cannot open {} ({}); skipping this file for {} s, the other files go on. Check that "
                        + "the worker's user can read it.", name, file, e, OPEN_RETRY_MS / 1000);
                continue;
            }
            openRetryAt.remove(name);
            known.add(name);
            readAhead.add(stream);
            LOG.info("{}: reading {} from {}", getClass().getSimpleName(), file,
                    cursor.map(c -> "stored offset " + c.position() + " (seq " + c.seq() + ")")
                            .orElse(startAtEnd ? "its end" : "its beginning"));
        }
    }

    /** A stream belongs to exactly one task: the hash of its name modulo the task count. */
    static boolean ownedByThisTask(final String stream, final ApiLogConfig config) {
        return Math.floorMod(stream.hashCode(), config.taskCount()) == config.taskIndex();
    }

    @Override
    protected void fill(final EventBatch batch) throws InterruptedException {
        long now = clock().millis();
        if (now >= nextScanAtMs) {
            scan(false);
            nextScanAtMs = now + config().pollInterval().toMillis();
        }
        readAhead.drainInto(batch, fillWaitMs());
        Throwable failure = readAhead.failure();
        if (failure != null && batch.isEmpty()) {
            throw new ConnectException("Reading the log files failed: " + failure + "; this is a bug, please report "
                    + "it with the task's log; restarting the task resumes from the last committed offset", failure);
        }
        if (!batch.hasRoom() || readAhead.hasMore()) {
            batch.markMoreAvailable();
        }
    }

    private long fillWaitMs() {
        return Math.min(MAX_FILL_WAIT_MS, Math.max(1, config().pollInterval().toMillis()));
    }

    /** Unparsed lines so far (the task metric {@code unparsed-inputs-total}). */
    long unparsedLines() {
        return metrics().unparsedInputs();
    }

    /** Whole-task back-offs so far (the task metric {@code retries-total}). */
    long retries() {
        return metrics().retries();
    }

    /** Chunks of lines parsed by the reading thread and by the task thread so far (for tests). */
    long[] chunksParsed() {
        return readAhead.chunksParsed();
    }

    /** True while the reading thread runs (for tests of stop()). */
    boolean readerAlive() {
        return readAhead != null && readAhead.isAlive();
    }

    @Override
    protected void close() {
        if (readAhead != null) {
            readAhead.close();
        }
        known.clear();
    }
}
