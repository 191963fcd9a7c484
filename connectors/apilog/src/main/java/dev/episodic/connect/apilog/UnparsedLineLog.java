package dev.episodic.connect.apilog;

import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counts unparsed lines (a task metric) and logs them at WARN with file and line number, at most once per
 * interval; the next WARN says how many were not logged in between.
 */
final class UnparsedLineLog {
    private static final Logger LOG = LoggerFactory.getLogger(UnparsedLineLog.class);
    private static final long INTERVAL_NANOS = 10_000_000_000L;

    private final AtomicLong total = new AtomicLong();
    private long nextLogAt = Long.MIN_VALUE;
    private long suppressed;

    void record(final String file, final long line, final String reason) {
        total.incrementAndGet();
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

    long total() {
        return total.get();
    }
}
