package dev.episodic.connect.common.metrics;

/** The metrics every episodic task publishes: one list, so the README table and the code cannot drift. */
public enum MetricNames {
    EVENTS_EMITTED("events-emitted-total", "Events handed to Connect by this task"),
    SOURCE_REQUESTS("source-requests-total", "Requests sent to the source API, whatever the answer"),
    SOURCE_NOT_MODIFIED("source-not-modified-total", "Conditional requests the source answered 304 Not Modified"),
    RATE_LIMIT_WAITS("rate-limit-waits-total", "Times the task waited because of the source's rate limit or quota"),
    RATE_LIMIT_WAIT_MS("rate-limit-wait-ms-total", "Milliseconds spent waiting for the source's rate limit or quota"),
    UNPARSED_INPUTS("unparsed-inputs-total", "Inputs that did not parse and were emitted as *_unparsed events"),
    RETRIES("retries-total", "Retriable faults after which the task backed off and tried again"),
    STREAM_LAST_SEQUENCE("stream-last-sequence", "Sequence of the newest event emitted on the stream"),
    STREAM_LAG_MS("stream-lag-ms", "Now minus occurred_at of the newest event emitted on the stream, in ms");

    /** The tag that names the stream on per-stream metrics. */
    public static final String STREAM_TAG = "stream";

    private final String metric;
    private final String description;

    MetricNames(final String metric, final String description) {
        this.metric = metric;
        this.description = description;
    }

    public String metric() {
        return metric;
    }

    public String description() {
        return description;
    }
}
