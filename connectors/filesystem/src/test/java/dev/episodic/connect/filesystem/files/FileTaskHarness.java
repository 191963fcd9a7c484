package dev.episodic.connect.filesystem.files;

import dev.episodic.connect.common.event.EpisodicEvent;
import dev.episodic.connect.common.testkit.SourceTaskDriver;
import dev.episodic.connect.filesystem.FileChangeSourceConnector;
import dev.episodic.connect.filesystem.FileChangeSourceTask;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.source.SourceRecord;

/**
 * The test kit's task driver set up for the file-change task: short scan intervals, injectable file-access faults,
 * and a drain that waits for a scan to have run (the task scans on its own schedule, not on every poll).
 */
final class FileTaskHarness {
    final FaultyAccess access = new FaultyAccess();
    final List<SourceRecord> records;
    private final SourceTaskDriver<FileChangeSourceTask> driver;

    FileTaskHarness(final Map<String, String> props) {
        Map<String, String> withDefaults = new HashMap<>(props);
        withDefaults.putIfAbsent("name", "files-test");
        withDefaults.putIfAbsent("poll.interval.ms", "100");
        withDefaults.putIfAbsent("fs.scan.interval.ms", "100");
        this.driver = new SourceTaskDriver<>(FileChangeSourceConnector::new, () -> new FileChangeSourceTask(access),
                withDefaults);
        this.records = driver.records();
    }

    /** Starts a fresh task (as after a restart) reading the committed offsets. */
    FileTaskHarness start() {
        driver.start();
        return this;
    }

    List<EpisodicEvent> pollOnce() throws InterruptedException {
        return driver.pollOnce();
    }

    /** Polls until a scan has run and everything it found is handed over (three empty polls in a row). */
    List<EpisodicEvent> drain() throws InterruptedException {
        return driver.drainUntilQuiet(3, Duration.ofMillis(120), Duration.ofSeconds(20));
    }

    void stop() {
        driver.stop();
    }
}
