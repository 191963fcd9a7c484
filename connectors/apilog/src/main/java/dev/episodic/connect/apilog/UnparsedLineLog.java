package dev.episodic.connect.apilog;

import dev.episodic.connect.common.metrics.TaskMetrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counts unparsed lines (the task metric {@code unparsed-inputs-total}) and logs them at WARN with file and line
 * number, at most once per interval; the next WARN says how many were not logged in between. Called by both
 * threads that parse lines (the reading thread and the task thread), hence synchronized; unparsed lines are rare.
 */
final class UnparsedLineLog {
    private static final Logger LOG = LoggerFactory.getLogger(UnparsedLineLog.class);
    private static final long INTERVAL_NANOS = 10_000_000_000L;

    private final TaskMetrics metrics;
    private long nextLogAt = Long.MIN_VALUE;
    private long suppressed;

    UnparsedLineLog(final TaskMetrics metrics) {
        this.metrics = metrics;
    }

    synchronized void record(final String file, final long line, final String reason) {
        metrics.unparsedInput();
        long now = System.nanoTime();
        if (nextLogAt != Long.MIN_VALUE && now - nextLogAt < 0) {
            suppressed++;
            return;
        }
        nextLogAt = now + INTERVAL_NANOS;
        if (suppressed > 0) {
            LOG.warn("{}:{}: line not parsed ({}); emitted as http_request_unparsed. {} more unparsed lines were "
                    + "not logged in the last 10 s", file, line, reason, suppressed);
        } else {
            LOG.warn("{}:{}: line not parsed ({}); emitted as http_request_unparsed", file, line, reason);
        }
        suppressed = 0;
    }
}
