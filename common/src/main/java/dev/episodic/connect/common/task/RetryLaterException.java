package dev.episodic.connect.common.task;

import java.time.Duration;
import java.util.Optional;
import org.apache.kafka.connect.errors.RetriableException;

/**
 * A fault that passes (HTTP 5xx, 429, a locked database): the task backs off and tries again. When the
 * source says how long to wait (e.g. {@code Retry-After}), that wait is honoured as a minimum.
 */
public class RetryLaterException extends RetriableException {
    private static final long serialVersionUID = 1L;

    private final transient Duration retryAfter;

    public RetryLaterException(final String message, final Duration retryAfter, final Throwable cause) {
        super(message, cause);
        this.retryAfter = retryAfter;
    }

    public RetryLaterException(final String message, final Throwable cause) {
        this(message, null, cause);
    }

    public RetryLaterException(final String message) {
        this(message, null, null);
    }

    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }
}
