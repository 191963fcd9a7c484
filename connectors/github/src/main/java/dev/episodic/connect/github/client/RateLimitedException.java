package dev.episodic.connect.github.client;

import dev.episodic.connect.common.task.RetryLaterException;
import java.time.Duration;

/**
 * A primary or secondary GitHub rate limit, or the configured reserve, stands in the way. The task loop waits
 * (interruptibly, stop() wakes it) for at least {@link #retryAfter()} and tries again; nothing is lost.
 */
public final class RateLimitedException extends RetryLaterException {
    private static final long serialVersionUID = 1L;

    public RateLimitedException(final String message, final Duration wait) {
        super(message, wait, null);
    }
}
