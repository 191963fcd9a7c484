package dev.episodic.connect.slack;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import dev.episodic.connect.common.connector.TaskAssignments;
import dev.episodic.connect.common.event.EpisodicEvent;
import dev.episodic.connect.common.event.EventSchemas;
import dev.episodic.connect.slack.fake.FakeSlack;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.source.SourceTaskContext;
import org.apache.kafka.connect.storage.OffsetStorageReader;

/**
 * Runs a {@link SlackSourceTask} the way a worker does, with an offset store that keeps the offset of every
 * record it was handed (as if each batch committed), so tests can stop a task anywhere and start another.
 */
final class TaskHarness implements AutoCloseable {
    static final long QUIET_MS = 1_500;
    private final Map<Map<String, ?>, Map<String, Object>> committed = new HashMap<>();
    private final List<EpisodicEvent> events = new ArrayList<>();
    private final List<SourceRecord> records = new ArrayList<>();
    private final Map<String, String> props = new HashMap<>();
    private SlackSourceTask task;

    TaskHarness(final FakeSlack slack, final List<Channel> channels) {
        props.put("name", "slack-test");
        props.put(SlackConfig.TOKEN, FakeSlack.TOKEN);
        props.put(SlackConfig.API_URL, slack.url());
        props.put(SlackConfig.TASK_CHANNELS, TaskAssignments.encode(
                channels.stream().map(Channel::encode).collect(Collectors.toList())));
        props.put("poll.interval.ms", "100");
    }

    TaskHarness set(final String key, final String value) {
        props.put(key, value);
        return this;
    }

    @SuppressWarnings("unchecked")
    TaskHarness start() {
        task = new SlackSourceTask();
        SourceTaskContext context = mock(SourceTaskContext.class);
        OffsetStorageReader reader = mock(OffsetStorageReader.class);
        when(reader.offset(any())).thenAnswer(inv -> committed.get((Map<String, ?>) inv.getArgument(0)));
        when(context.offsetStorageReader()).thenReturn(reader);
        task.initialize(context);
        task.start(props);
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
            List<SourceRecord> batch = task.poll();
            if (batch == null || batch.isEmpty()) {
                continue;
            }
            productive++;
            lastEventAt = System.nanoTime();
            got.addAll(accept(batch));
        }
        return got;
    }

    /** Polls until {@code count} events came (backoffs included) or {@code timeout} passed. */
    List<EpisodicEvent> drainUntil(final int count, final java.time.Duration timeout) throws InterruptedException {
        List<EpisodicEvent> got = new ArrayList<>();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (got.size() < count && System.nanoTime() < deadline) {
            List<SourceRecord> batch = task.poll();
            if (batch != null) {
                got.addAll(accept(batch));
            }
        }
        return got;
    }

    /** Polls for {@code period} whatever comes; returns the events. */
    List<EpisodicEvent> pollFor(final java.time.Duration period) throws InterruptedException {
        List<EpisodicEvent> got = new ArrayList<>();
        long deadline = System.nanoTime() + period.toNanos();
        while (System.nanoTime() < deadline) {
            List<SourceRecord> batch = task.poll();
            if (batch != null) {
                got.addAll(accept(batch));
            }
        }
        return got;
    }

    /** One poll, its events kept and committed. */
    List<EpisodicEvent> pollOnce() throws InterruptedException {
        List<SourceRecord> batch = task.poll();
        return batch == null ? List.of() : accept(batch);
    }

    @SuppressWarnings("unchecked")
    private List<EpisodicEvent> accept(final List<SourceRecord> batch) {
        List<EpisodicEvent> got = new ArrayList<>();
        for (SourceRecord r : batch) {
            committed.put(r.sourcePartition(), new HashMap<>((Map<String, Object>) r.sourceOffset()));
            EpisodicEvent e = EventSchemas.fromStruct((Struct) r.value());
            got.add(e);
            events.add(e);
            records.add(r);
        }
        return got;
    }

    SlackSourceTask task() {
        return task;
    }

    void stop() {
        if (task != null) {
            task.stop();
            task = null;
        }
    }

    /** Stops this task and starts a new one on the committed offsets, as a worker restart does. */
    TaskHarness restart() {
        stop();
        return start();
    }

    List<EpisodicEvent> events() {
        return events;
    }

    List<SourceRecord> records() {
        return records;
    }

    Map<Map<String, ?>, Map<String, Object>> committed() {
        return committed;
    }

    @Override
    public void close() {
        stop();
    }
}
