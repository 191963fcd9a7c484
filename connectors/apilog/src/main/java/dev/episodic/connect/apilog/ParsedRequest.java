package dev.episodic.connect.apilog;

import java.time.Instant;

/**
 * The fields one log line yielded. Mutable and reused across lines so the hot path allocates only the strings it
 * keeps; {@link #reset()} before each line. A null field was absent (or "-" in an access log).
 */
final class ParsedRequest {
    String method;
    String path;
    String query;
    String status;
    String bytes;
    String latencyMs;
    String clientIp;
    String userAgent;
    String referer;
    String requestId;
    String user;
    String session;
    /** The raw request line of an access log when it is not "METHOD target PROTOCOL" (e.g. a TLS probe). */
    String request;
    Instant time;
    /** The time text when it was present but not understood. */
    String timeText;
    /** Why the line did not parse; set when a parser returns false. */
    String failure;
    /** True when the query came from its own JSON field rather than from the URL. */
    boolean separateQuery;

    void reset() {
        method = null;
        path = null;
        query = null;
        status = null;
        bytes = null;
        latencyMs = null;
        clientIp = null;
        userAgent = null;
        referer = null;
        requestId = null;
        user = null;
        session = null;
        request = null;
        time = null;
        timeText = null;
        failure = null;
        separateQuery = false;
    }

    boolean fail(final String reason) {
        failure = reason;
        return false;
    }

    /** Splits a request target into path and query (the query without its '?'). */
    void target(final String target) {
        int q = target.indexOf('?');
        if (q < 0) {
            path = target;
        } else {
            path = target.substring(0, q);
            if (query == null) {
                query = target.substring(q + 1);
            }
        }
    }
}
