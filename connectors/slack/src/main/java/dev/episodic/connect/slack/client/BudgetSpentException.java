package dev.episodic.connect.slack.client;

import dev.episodic.connect.common.task.RetryLaterException;
import java.time.Duration;

/**
 * This task has spent its {@code slack.requests.per.minute} budget for one method. It is not a fault: the caller
 * stops asking that method until {@link #retryAfter()} and goes on with what it has.
 */
public final class BudgetSpentException extends RetryLaterException {
    private static final long serialVersionUID = 1L;

    public BudgetSpentException(final String method, final Duration wait) {
        super("request budget for " + method + " is spent for this minute; next request in " + wait.toMillis() + " ms",
                wait, null);
    }
}
