package dev.episodic.connect.slack;

import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import dev.episodic.connect.common.connector.TaskAssignments;
import dev.episodic.connect.common.testkit.slack.FakeSlack;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.source.SourceTaskContext;
import org.apache.kafka.connect.storage.OffsetStorageReader;

/**
 * Drives a {@link SlackSourceTask} for the benchmark as a worker does, keeping only the last offset of each stream:
 * the test kit's driver keeps every record, and with every message inside the edits window each record carries an
 * offset of a few hundred KiB, too much to keep 200,000 of.
 */
final class BenchmarkDriver implements AutoCloseable {
    private final Map<Map<String, ?>, Map<String, Object>> committed = new HashMap<>();
    private final SlackSourceTask task = new SlackSourceTask();
    private long events;
    private long largestOffsetChars;

    BenchmarkDriver(final FakeSlack slack, final List<Channel> channels, final Map<String, String> extra) {
        Map<String, String> props = new HashMap<>(extra);
        props.put("name", "slack-benchmark");
        props.put(SlackConfig.TOKEN, FakeSlack.TOKEN);
        props.put(SlackConfig.API_URL, slack.url());
        props.put(SlackConfig.TASK_CHANNELS, TaskAssignments.encode(
                channels.stream().map(Channel::encode).collect(Collectors.toList())));
        SourceTaskContext context = mock(SourceTaskContext.class);
        when(context.offsetStorageReader()).thenReturn(new Offsets());
        when(context.configs()).thenReturn(props);
        task.initialize(context);
        task.start(props);
    }

    SlackSourceTask task() {
        return task;
    }

    long events() {
        return events;
    }

    /** The largest offset (sum of its values' characters) of a stream's last record in any batch. */
    long largestOffsetChars() {
        return largestOffsetChars;
    }

    /** Polls until {@code count} events came or {@code timeout} passed; returns the events of this call. */
    long drainUntil(final long count, final Duration timeout) throws InterruptedException {
        long before = events;
        long deadline = System.nanoTime() + timeout.toNanos();
        while (events - before < count && System.nanoTime() < deadline) {
            pollOnce();
        }
        return events - before;
    }

    /** Polls for {@code period}; returns the events that came. */
    long pollFor(final Duration period) throws InterruptedException {
        long before = events;
        long deadline = System.nanoTime() + period.toNanos();
        while (System.nanoTime() < deadline) {
            pollOnce();
        }
        return events - before;
    }

    private void pollOnce() throws InterruptedException {
        List<SourceRecord> batch = task.poll();
        if (batch == null) {
            return;
        }
        Map<Map<String, ?>, Map<String, ?>> last = new HashMap<>();
        for (SourceRecord r : batch) {
            last.put(r.sourcePartition(), r.sourceOffset());
            events++;
        }
        last.forEach((partition, offset) -> {
            committed.put(partition, new HashMap<>(offset));
            long chars = offset.values().stream().mapToLong(v -> String.valueOf(v).length()).sum();
            largestOffsetChars = Math.max(largestOffsetChars, chars);
        });
    }

    @Override
    public void close() {
        task.stop();
    }

    private final class Offsets implements OffsetStorageReader {
        @Override
        public <P> Map<String, Object> offset(final Map<String, P> partition) {
            return committed.get(partition);
        }

        @Override
        public <P> Map<Map<String, P>, Map<String, Object>> offsets(final Collection<Map<String, P>> partitions) {
            Map<Map<String, P>, Map<String, Object>> out = new HashMap<>();
            partitions.forEach(p -> out.put(p, committed.get(p)));
            return out;
        }
    }
}
