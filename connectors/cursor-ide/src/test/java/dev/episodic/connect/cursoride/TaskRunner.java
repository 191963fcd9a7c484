package dev.episodic.connect.cursoride;

import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import dev.episodic.connect.common.event.EpisodicEvent;
import dev.episodic.connect.common.event.EventSchemas;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.source.SourceTaskContext;
import org.apache.kafka.connect.storage.OffsetStorageReader;

/**
 * Runs a task as the worker would: polls, "commits" the offset of the last record of each partition after
 * every poll, and on {@link #restart()} starts a new task from the committed offsets.
 */
final class TaskRunner implements AutoCloseable {
    /** A clock tests can move forward (discovery intervals, first-sync windows). */
    static final class MovableClock extends Clock {
        private volatile Duration shift = Duration.ZERO;

        void advance(final Duration by) {
            shift = shift.plus(by);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(final ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return Instant.now().plus(shift);
        }
    }

    final MovableClock clock = new MovableClock();
    private final Map<String, String> props;
    private final Map<Map<String, Object>, Map<String, Object>> committed = new HashMap<>();
    private final List<EpisodicEvent> events = new ArrayList<>();
    private CursorIdeSourceTask task;

    TaskRunner(final Map<String, String> props) {
        this.props = new HashMap<>(props);
        this.props.putIfAbsent("name", "cursor-test");
        this.props.putIfAbsent("poll.interval.ms", "100");
        this.props.putIfAbsent("cursor.sync.window.hours", "0");
        start();
    }

    private void start() {
        task = new CursorIdeSourceTask(clock);
        SourceTaskContext context = mock(SourceTaskContext.class);
        OffsetStorageReader reader = mock(OffsetStorageReader.class);
        when(reader.offset(org.mockito.ArgumentMatchers.anyMap())).thenAnswer(inv -> {
            Map<String, Object> partition = inv.getArgument(0);
            Map<String, Object> offset = committed.get(partition);
            return offset == null ? null : new HashMap<>(offset);
        });
        when(context.offsetStorageReader()).thenReturn(reader);
        task.initialize(context);
        task.start(props);
    }

    CursorIdeSourceTask task() {
        return task;
    }

    /** One poll; returns the events it produced (offsets committed). */
    @SuppressWarnings("unchecked")
    List<EpisodicEvent> pollOnce() throws InterruptedException {
        List<SourceRecord> records = task.poll();
        List<EpisodicEvent> result = new ArrayList<>();
        if (records != null) {
            for (SourceRecord r : records) {
                result.add(EventSchemas.fromStruct((Struct) r.value()));
                committed.put((Map<String, Object>) r.sourcePartition(), (Map<String, Object>) r.sourceOffset());
            }
        }
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
        long quietNanos = Duration.ofMillis(4 * Long.parseLong(props.get("poll.interval.ms")) + 100).toNanos();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        long quietSince = System.nanoTime();
        while (System.nanoTime() < deadline) {
            List<EpisodicEvent> got = pollOnce();
            if (!got.isEmpty() || !task.settled()) {
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
        task.stop();
        start();
    }

    Map<Map<String, Object>, Map<String, Object>> committed() {
        return committed;
    }

    /** Every event this runner has seen, across restarts. */
    List<EpisodicEvent> all() {
        return events;
    }

    @Override
    public void close() {
        task.stop();
    }
}
