package dev.episodic.connect.common.task;

import dev.episodic.connect.common.config.EpisodicSourceConfig;
import dev.episodic.connect.common.metrics.TaskMetrics;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;
import org.apache.kafka.common.metrics.PluginMetrics;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.errors.RetriableException;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.source.SourceTask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The task loop every connector shares. A subclass opens its clients and cursors, and fills bounded
 * batches; this class owns the rhythm: no poll blocks for more than about a second, {@link #stop()} wakes any
 * wait at once, retriable faults back off with jitter (honouring a source-given wait), and anything else
 * fails the task with the subclass's message.
 *
 * @param <C> the connector's config type
 */
public abstract class EpisodicSourceTask<C extends EpisodicSourceConfig> extends SourceTask {
    /** The longest a poll waits before it returns control to the worker. */
    static final long MAX_WAIT_MS = 1_000L;

    private static final Logger LOG = LoggerFactory.getLogger(EpisodicSourceTask.class);

    private final Waiter waiter = new Waiter();
    private final ReentrantLock pollLock = new ReentrantLock();
    private final Clock clock;
    private final Backoff backoff;
    private volatile boolean stopping;
    private boolean closed;
    private long nextAttemptAtMs;
    private C config;
    private TaskMetrics metrics;

    protected EpisodicSourceTask() {
        this(Clock.systemUTC(), new Backoff(Duration.ofMillis(500), Duration.ofMinutes(5)));
    }

    protected EpisodicSourceTask(final Clock clock, final Backoff backoff) {
        this.clock = clock;
        this.backoff = backoff;
    }

    /** Parses and validates the task's properties. */
    protected abstract C parseConfig(Map<String, String> props);

    /** Builds clients and loads cursors; {@link #context} is ready. */
    protected abstract void open(C config);

    /**
     * Adds what is new to {@code batch}, at most {@link EventBatch#remaining()} events. Throw
     * {@link RetriableException} (ideally {@link RetryLaterException}) for faults that pass; events already added
     * are still handed to Connect.
     */
    protected abstract void fill(EventBatch batch) throws InterruptedException;

    /** Releases clients; called once, never concurrently with {@link #fill}. */
    protected abstract void close();

    protected final C config() {
        return config;
    }

    protected final Clock clock() {
        return clock;
    }

    /** This task's metrics; hand it to the source client so requests, 304s and rate-limit waits are counted. */
    protected final TaskMetrics metrics() {
        return metrics;
    }

    protected final boolean isStopping() {
        return stopping;
    }

    @Override
    public final void start(final Map<String, String> props) {
        stopping = false;
        closed = false;
        config = parseConfig(props);
        metrics = TaskMetrics.publishedTo(pluginMetrics(), clock);
        open(config);
        nextAttemptAtMs = 0;
    }

    @Override
    public final List<SourceRecord> poll() throws InterruptedException {
        if (stopping) {
            return null;
        }
        long now = clock.millis();
        if (now < nextAttemptAtMs) {
            waiter.await(Math.min(MAX_WAIT_MS, nextAttemptAtMs - now));
            return null;
        }
        pollLock.lock();
        try {
            if (stopping) {
                return null;
            }
            EventBatch batch = new EventBatch(config.topic(), config.batchMaxEvents(), clock.instant(), metrics);
            try {
                fill(batch);
                backoff.reset();
                nextAttemptAtMs = batch.moreAvailable() ? 0 : clock.millis() + config.pollInterval().toMillis();
            } catch (RetriableException e) {
                Duration wait = backoff.next(e instanceof RetryLaterException
                        ? ((RetryLaterException) e).retryAfter().orElse(null) : null);
                // One millisecond more than the wait: clock.millis() floors the current instant, while a source's
                // pause (Retry-After) runs from an instant with sub-millisecond precision, so without it the retry
                // could land a fraction of a millisecond before the pause ends, be refused, and count twice.
                nextAttemptAtMs = clock.millis() + wait.toMillis() + 1;
                metrics.retry();
                if (e instanceof RateLimitedException) {
                    metrics.rateLimitWait(wait.toMillis());
                }
                LOG.warn("{}: retrying in {} ms (attempt {}): {}", getClass().getSimpleName(), wait.toMillis(),
                        backoff.failures(), e.getMessage());
            }
            return batch.isEmpty() ? null : batch.records();
        } catch (ConnectException | InterruptedException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new ConnectException(getClass().getSimpleName() + " failed: " + e.getMessage(), e);
        } finally {
            if (stopping) {
                closeOnce();
            }
            pollLock.unlock();
        }
    }

    @Override
    public final void stop() {
        stopping = true;
        waiter.wake();
        // A poll in progress closes on its way out; otherwise close here.
        if (pollLock.tryLock()) {
            try {
                closeOnce();
            } finally {
                pollLock.unlock();
            }
        }
    }

    /** The worker's plugin metrics; none in runtimes (or test contexts) that do not offer them. */
    private PluginMetrics pluginMetrics() {
        if (context == null) {
            return null;
        }
        try {
            return context.pluginMetrics();
        } catch (UnsupportedOperationException e) {
            return null;
        }
    }

    private void closeOnce() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            close();
        } catch (RuntimeException e) {
            LOG.warn("{}: error while closing: {}", getClass().getSimpleName(), e.getMessage(), e);
        }
    }
}
