package dev.episodic.connect.cursoride;

import dev.episodic.connect.common.event.EpisodicEvent;
import dev.episodic.connect.common.testkit.ManualClock;
import dev.episodic.connect.common.testkit.SourceTaskDriver;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The test kit's task driver set up for the Cursor IDE task: a movable clock, and a drain that waits until the
 * task has settled (no stream waiting on a locked database) and stayed quiet for several poll intervals.
 */
final class TaskRunner implements AutoCloseable {
    /** A clock tests can move forward (discovery intervals, first-sync windows). */
    final ManualClock clock = ManualClock.followingSystem();
    private final SourceTaskDriver<CursorIdeSourceTask> driver;
    private final long pollIntervalMs;
    private final List<EpisodicEvent> events = new ArrayList<>();

    TaskRunner(final Map<String, String> props) {
        Map<String, String> withDefaults = new HashMap<>(props);
        withDefaults.putIfAbsent("name", "cursor-test");
        withDefaults.putIfAbsent("poll.interval.ms", "100");
        withDefaults.putIfAbsent("cursor.sync.window.hours", "0");
        this.pollIntervalMs = Long.parseLong(withDefaults.get("poll.interval.ms"));
        this.driver = SourceTaskDriver.ofTask(() -> new CursorIdeSourceTask(clock), withDefaults);
        driver.start();
    }

    CursorIdeSourceTask task() {
        return driver.task();
    }

    /** One poll; returns the events it produced (offsets committed). */
    List<EpisodicEvent> pollOnce() throws InterruptedException {
        List<EpisodicEvent> result = driver.pollOnce();
        events.addAll(result);
        return result;
    }

    /**
     * Polls until the task has read everything it has seen (no stream waiting on a locked database) and nothing
     * came for several poll intervals (a poll that only waits out the interval proves nothing); returns what
     * came.
     */
    List<EpisodicEvent> drain() throws InterruptedException {
        List<EpisodicEvent> result = new ArrayList<>();
        long quietNanos = Duration.ofMillis(4 * pollIntervalMs + 100).toNanos();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        long quietSince = System.nanoTime();
        while (System.nanoTime() < deadline) {
            List<EpisodicEvent> got = pollOnce();
            if (!got.isEmpty() || !task().settled()) {
                result.addAll(got);
                quietSince = System.nanoTime();
            } else if (System.nanoTime() - quietSince >= quietNanos) {
                break;
            }
        }
        return result;
    }

    /** Polls for {@code time}, whatever comes; returns what came. */
    List<EpisodicEvent> pollFor(final Duration time) throws InterruptedException {
        List<EpisodicEvent> result = new ArrayList<>();
        long deadline = System.nanoTime() + time.toNanos();
        while (System.nanoTime() < deadline) {
            result.addAll(pollOnce());
        }
        return result;
    }

    void restart() {
        driver.start();
    }

    Map<Map<String, ?>, Map<String, Object>> committed() {
        return driver.committed();
    }

    /** Every event this runner has seen, across restarts. */
    List<EpisodicEvent> all() {
        return events;
    }

    @Override
    public void close() {
        driver.stop();
    }
}
