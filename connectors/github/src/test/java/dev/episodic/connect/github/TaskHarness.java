package dev.episodic.connect.github;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import dev.episodic.connect.common.connector.TaskAssignments;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.source.SourceTaskContext;
import org.apache.kafka.connect.storage.OffsetStorageReader;

/**
 * Runs a {@link GitHubSourceTask} as a worker would, without Kafka: every record returned by poll() is taken as
 * committed with its offset, and a restarted task reads those offsets back.
 */
final class TaskHarness implements AutoCloseable {
    final Map<Map<String, ?>, Map<String, ?>> offsets = new HashMap<>();
    final List<SourceRecord> records = new ArrayList<>();
    private final Map<String, String> props;
    private GitHubSourceTask task;

    /** Task properties against a fake GitHub at {@code url}: no reserve, 100 ms between idle rounds. */
    static Map<String, String> props(final String url, final String token, final String resources, final int pageSize,
                                     final int batch, final String... repos) {
        Map<String, String> p = new HashMap<>();
        p.put("name", "gh-test");
        p.put(GitHubConfig.REPOSITORIES, String.join(",", repos));
        p.put(GitHubConfig.TASK_REPOSITORIES, TaskAssignments.encode(List.of(repos)));
        p.put(GitHubConfig.RESOURCES, resources);
        p.put(GitHubConfig.TOKEN, token);
        p.put(GitHubConfig.API_URL, url);
        p.put(GitHubConfig.PAGE_SIZE, Integer.toString(pageSize));
        p.put(GitHubConfig.RATE_LIMIT_RESERVE, "0");
        p.put("batch.max.events", Integer.toString(batch));
        p.put("poll.interval.ms", "100");
        return p;
    }

    TaskHarness(final Map<String, String> props) {
        this.props = props;
    }

    @SuppressWarnings("unchecked")
    GitHubSourceTask start() {
        OffsetStorageReader reader = mock(OffsetStorageReader.class);
        when(reader.offset(any())).thenAnswer(inv -> {
            Map<String, ?> offset = offsets.get(inv.getArgument(0));
            return offset == null ? null : new HashMap<>((Map<String, Object>) offset);
        });
        SourceTaskContext context = mock(SourceTaskContext.class);
        when(context.offsetStorageReader()).thenReturn(reader);
        when(context.configs()).thenReturn(props);
        task = new GitHubSourceTask();
        task.initialize(context);
        task.start(props);
        return task;
    }

    GitHubSourceTask task() {
        return task;
    }

    /**
     * Polls until {@code done} holds, or for at most {@code maxPolls} polls that returned records or waited (a poll
     * that returns at once within the same millisecond does not count), or 60 s; returns the records of these polls.
     */
    List<SourceRecord> pollUntil(final BooleanSupplier done, final int maxPolls) throws InterruptedException {
        List<SourceRecord> got = new ArrayList<>();
        long end = System.nanoTime() + 60_000_000_000L;
        for (int i = 0; i < maxPolls && !done.getAsBoolean() && System.nanoTime() < end; i++) {
            long t0 = System.nanoTime();
            List<SourceRecord> batch = task.poll();
            if (batch == null && System.nanoTime() - t0 < 2_000_000L) {
                i--;
            }
            if (batch != null) {
                for (SourceRecord r : batch) {
                    offsets.put(r.sourcePartition(), r.sourceOffset());
                }
                got.addAll(batch);
                records.addAll(batch);
            }
        }
        return got;
    }

    /** Polls {@code n} times. */
    List<SourceRecord> poll(final int n) throws InterruptedException {
        int[] count = {0};
        return pollUntil(() -> count[0]++ >= n, n + 1);
    }

    void restart() {
        task.stop();
        start();
    }

    static Struct value(final SourceRecord r) {
        return (Struct) r.value();
    }

    static String type(final SourceRecord r) {
        return value(r).getString("event_type");
    }

    static String stream(final SourceRecord r) {
        return value(r).getString("stream");
    }

    static String id(final SourceRecord r) {
        return value(r).getString("event_id");
    }

    static long seq(final SourceRecord r) {
        return value(r).getInt64("sequence");
    }

    long count(final String stream) {
        return records.stream().filter(r -> stream(r).equals(stream)).count();
    }

    List<SourceRecord> of(final String stream) {
        return records.stream().filter(r -> stream(r).equals(stream)).toList();
    }

    @Override
    public void close() {
        if (task != null) {
            task.stop();
        }
    }
}
