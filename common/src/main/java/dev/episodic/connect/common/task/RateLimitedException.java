package dev.episodic.connect.common.task;

import java.time.Duration;

/**
 * The source refused because of its rate limit or quota (HTTP 429, GitHub's secondary limit, Slack's
 * {@code ratelimited}). Handled like any {@link RetryLaterException}, and counted as a rate-limit wait in the
 * task's metrics rather than as a plain fault.
 */
public class RateLimitedException extends RetryLaterException {
    private static final long serialVersionUID = 1L;

    public RateLimitedException(final String message, final Duration retryAfter, final Throwable cause) {
        super(message, retryAfter, cause);
    }

    public RateLimitedException(final String message, final Duration retryAfter) {
        this(message, retryAfter, null);
    }
}
