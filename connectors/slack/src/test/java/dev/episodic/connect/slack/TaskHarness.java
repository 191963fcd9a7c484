package dev.episodic.connect.slack;

import dev.episodic.connect.common.connector.TaskAssignments;
import dev.episodic.connect.common.event.EpisodicEvent;
import dev.episodic.connect.common.testkit.SourceTaskDriver;
import dev.episodic.connect.common.testkit.slack.FakeSlack;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.connect.source.SourceRecord;

/**
 * The test kit's task driver set up for a {@link SlackSourceTask} against a fake Slack, with the waits Slack tests
 * need: until the task has been quiet for a while (backoffs and budget pauses included), or until a count arrived.
 */
final class TaskHarness implements AutoCloseable {
    static final long QUIET_MS = 1_500;
    private final List<EpisodicEvent> events = new ArrayList<>();
    private final SourceTaskDriver<SlackSourceTask> driver;

    TaskHarness(final FakeSlack slack, final List<Channel> channels) {
        Map<String, String> props = new HashMap<>();
        props.put("name", "slack-test");
        props.put(SlackConfig.TOKEN, FakeSlack.TOKEN);
        props.put(SlackConfig.API_URL, slack.url());
        props.put(SlackConfig.TASK_CHANNELS, TaskAssignments.encode(
                channels.stream().map(Channel::encode).collect(Collectors.toList())));
        props.put("poll.interval.ms", "100");
        driver = SourceTaskDriver.ofTask(SlackSourceTask::new, props);
    }

    TaskHarness set(final String key, final String value) {
        driver.connectorProps().put(key, value);
        return this;
    }

    TaskHarness start() {
        driver.start();
        return this;
    }

    /**
     * Polls until no event came for {@link #QUIET_MS} (several poll intervals and any short backoff: the task has
     * caught up), or {@code maxPolls} polls returned events.
     */
    List<EpisodicEvent> drain(final int maxPolls) throws InterruptedException {
        List<EpisodicEvent> got = new ArrayList<>();
        long lastEventAt = System.nanoTime();
        int productive = 0;
        while (productive < maxPolls && System.nanoTime() - lastEventAt < QUIET_MS * 1_000_000L) {
            List<EpisodicEvent> batch = pollOnce();
            if (!batch.isEmpty()) {
                productive++;
                lastEventAt = System.nanoTime();
                got.addAll(batch);
            }
        }
        return got;
    }

    /** Polls until {@code count} events came (backoffs included) or {@code timeout} passed. */
    List<EpisodicEvent> drainUntil(final int count, final Duration timeout) throws InterruptedException {
        List<EpisodicEvent> got = new ArrayList<>();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (got.size() < count && System.nanoTime() < deadline) {
            got.addAll(pollOnce());
        }
        return got;
    }

    /** Polls for {@code period} whatever comes; returns the events. */
    List<EpisodicEvent> pollFor(final Duration period) throws InterruptedException {
        List<EpisodicEvent> got = new ArrayList<>();
        long deadline = System.nanoTime() + period.toNanos();
        while (System.nanoTime() < deadline) {
            got.addAll(pollOnce());
        }
        return got;
    }

    /** One poll, its events kept and committed. */
    List<EpisodicEvent> pollOnce() throws InterruptedException {
        List<EpisodicEvent> got = driver.pollOnce();
        events.addAll(got);
        return got;
    }

    SlackSourceTask task() {
        return driver.task();
    }

    void stop() {
        driver.stop();
    }

    /** Stops this task and starts a new one on the committed offsets, as a worker restart does. */
    TaskHarness restart() {
        return start();
    }

    List<EpisodicEvent> events() {
        return events;
    }

    List<SourceRecord> records() {
        return driver.records();
    }

    Map<Map<String, ?>, Map<String, Object>> committed() {
        return driver.committed();
    }

    @Override
    public void close() {
        stop();
    }
}
