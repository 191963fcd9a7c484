package dev.episodic.connect.common.connector;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Runs a connector's stream re-resolution (new repositories, channels the token joined, …) on a daemon thread at a
 * fixed delay, so the connector can ask Connect for new task configs when its set of streams changes.
 */
public final class PeriodicRefresh implements AutoCloseable {
    private final ScheduledExecutorService executor;

    private PeriodicRefresh(final String threadName, final Duration every, final Runnable action) {
        this.executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, threadName);
            t.setDaemon(true);
            return t;
        });
        long millis = every.toMillis();
        executor.scheduleWithFixedDelay(action, millis, millis, TimeUnit.MILLISECONDS);
    }

    /** Starts running {@code action} every {@code every}, the first time after one interval. */
    public static PeriodicRefresh every(final String threadName, final Duration every, final Runnable action) {
        return new PeriodicRefresh(threadName, every, action);
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
