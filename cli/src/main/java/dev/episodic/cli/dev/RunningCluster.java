package dev.episodic.cli.dev;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Holds a started dev cluster until Ctrl-C or until one of its processes dies, and makes sure both JVMs are
 * stopped on every way out of the CLI.
 */
final class RunningCluster implements AutoCloseable {
    private final DevCluster cluster;
    private final CountDownLatch closed = new CountDownLatch(1);
    private final Thread hook;
    private volatile boolean stopRequested;

    RunningCluster(final DevCluster cluster) {
        this.cluster = cluster;
        this.hook = new Thread(() -> {
            stopRequested = true;
            // Stop the JVMs from here too: the main thread may be busy starting them, and they must never outlive us.
            cluster.close();
            try {
                closed.await(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "episodic-dev-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
    }

    boolean stopRequested() {
        return stopRequested;
    }

    /** Blocks until Ctrl-C (returns empty) or a process died (returns why). */
    Optional<String> awaitStopOrFailure() throws InterruptedException {
        while (!stopRequested) {
            Optional<String> failure = cluster.failure();
            if (failure.isPresent()) {
                return failure;
            }
            Thread.sleep(Duration.ofMillis(300).toMillis());
        }
        return Optional.empty();
    }

    void printStopping(final PrintWriter err) {
        err.println("Stopping the dev cluster (data kept in " + cluster.settings().dataDir() + ") ...");
        err.flush();
    }

    @Override
    public void close() {
        try {
            cluster.close();
        } finally {
            closed.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // Ctrl-C: the hook is waiting for `closed`, which is now open.
            }
        }
    }
}
