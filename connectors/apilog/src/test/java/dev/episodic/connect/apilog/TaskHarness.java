package dev.episodic.connect.apilog;

import dev.episodic.connect.common.event.EpisodicEvent;
import dev.episodic.connect.common.testkit.SourceTaskDriver;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.source.SourceRecord;

/**
 * The test kit's task driver set up for an {@link ApiLogSourceTask}: every record's offset is "committed" as soon
 * as it is polled, so {@link #restart()} resumes exactly after the last polled event.
 */
final class TaskHarness implements AutoCloseable {
    private final SourceTaskDriver<ApiLogSourceTask> driver;
    private final List<EpisodicEvent> events = new ArrayList<>();

    TaskHarness(final Map<String, String> props) {
        Map<String, String> withDefaults = new HashMap<>(props);
        withDefaults.putIfAbsent("name", "harness");
        withDefaults.putIfAbsent("poll.interval.ms", "100");
        driver = SourceTaskDriver.ofTask(ApiLogSourceTask::new, withDefaults);
        driver.start();
    }

    /** One poll; returns the events it produced (possibly none). */
    List<EpisodicEvent> pollOnce() throws InterruptedException {
        List<EpisodicEvent> out = driver.pollOnce();
        events.addAll(out);
        return out;
    }

    /** Polls until several polls in a row bring nothing. */
    List<EpisodicEvent> drain() throws InterruptedException {
        List<EpisodicEvent> out = driver.drainUntilQuiet(5, Duration.ofMillis(30), Duration.ofMinutes(5));
        events.addAll(out);
        return out;
    }

    /** Stops the task and starts a new one that reads the offsets of everything polled so far. */
    void restart() {
        driver.start();
    }

    List<EpisodicEvent> events() {
        return events;
    }

    List<SourceRecord> records() {
        return driver.records();
    }

    Map<Map<String, ?>, Map<String, Object>> offsets() {
        return driver.committed();
    }

    ApiLogSourceTask task() {
        return driver.task();
    }

    @Override
    public void close() {
        driver.stop();
    }
}
