package dev.episodic.connect.slack;

import dev.episodic.connect.common.connector.TaskAssignments;
import dev.episodic.connect.common.connector.Versions;
import dev.episodic.connect.common.cursor.StreamPartition;
import dev.episodic.connect.common.metrics.TaskMetrics;
import dev.episodic.connect.common.task.EpisodicSourceTask;
import dev.episodic.connect.common.task.EventBatch;
import dev.episodic.connect.slack.client.BudgetSpentException;
import dev.episodic.connect.slack.client.ChannelUnavailableException;
import dev.episodic.connect.slack.client.RequestBudget;
import dev.episodic.connect.slack.client.SlackWebClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.errors.ConnectException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the channels assigned to this task, one stream each, taking turns so that one busy channel does not
 * starve the others. A channel the app cannot read is stopped with a WARN naming it and the fix; the rest go on.
 */
public final class SlackSourceTask extends EpisodicSourceTask<SlackConfig> {
    private static final Logger LOG = LoggerFactory.getLogger(SlackSourceTask.class);
    /** How long one fill works before it hands its events to Connect. */
    private static final long FILL_BUDGET_NANOS = Duration.ofMillis(800).toNanos();
    static final Duration HTTP_TIMEOUT = Duration.ofSeconds(10);

    private final List<ChannelSync> syncs = new ArrayList<>();
    private final Map<String, Long> notBeforeMs = new HashMap<>();
    private final Map<String, String> failed = new HashMap<>();
    private SlackWebClient client;
    private int turn;

    @Override
    public String version() {
        return Versions.projectVersion();
    }

    @Override
    protected SlackConfig parseConfig(final Map<String, String> props) {
        return new SlackConfig(props);
    }

    @Override
    protected void open(final SlackConfig config) {
        client = new SlackWebClient(config.apiUrl(), config.token(),
                new RequestBudget(config.requestsPerMinute(), clock()), HTTP_TIMEOUT, metrics());
        UserDirectory users = new UserDirectory(client);
        SyncSettings settings = SyncSettings.of(config);
        for (String encoded : TaskAssignments.decode(SlackConfig.TASK_CHANNELS, config.getString(SlackConfig.TASK_CHANNELS))) {
            Channel channel = Channel.decode(encoded);
            Map<String, Object> offset = context.offsetStorageReader().offset(StreamPartition.of(channel.stream()));
            SlackChannelCursor cursor = SlackChannelCursor.CODEC.read(channel.stream(), offset)
                    .orElse(SlackChannelCursor.empty());
            syncs.add(new ChannelSync(channel, cursor, client, users, settings, config.sourceId(), clock()));
        }
    }

    /** Rounds completed by all channels of this task so far. */
    long rounds() {
        return syncs.stream().mapToLong(ChannelSync::roundsDone).sum();
    }

    /** This task's metrics (requests, rate-limit waits, events), for tests. */
    TaskMetrics taskMetrics() {
        return metrics();
    }

    /** Edits-window passes completed by all channels of this task so far. */
    long passes() {
        return syncs.stream().mapToLong(ChannelSync::passesDone).sum();
    }

    /** Edits-window pass steps (history pages, thread reads) completed by all channels of this task so far. */
    long passSteps() {
        return syncs.stream().mapToLong(ChannelSync::passSteps).sum();
    }

    /** Requests sent to Slack by this task so far. */
    long apiCalls() {
        return client.calls();
    }

    @Override
    protected void fill(final EventBatch batch) throws InterruptedException {
        long deadline = System.nanoTime() + FILL_BUDGET_NANOS;
        int n = syncs.size();
        for (int i = 0; i < n && batch.hasRoom() && System.nanoTime() < deadline; i++) {
            ChannelSync sync = syncs.get((turn + i) % n);
            String id = sync.channel().id();
            long now = clock().millis();
            if (failed.containsKey(id) || notBeforeMs.getOrDefault(id, 0L) > now) {
                continue;
            }
            try {
                if (sync.step(batch, deadline)) {
                    notBeforeMs.put(id, now + config().pollInterval().toMillis());
                }
            } catch (BudgetSpentException e) {
                // Not a fault: this channel pauses until the budget frees, the others go on. The pause is a
                // rate-limit wait the task takes itself, so it is counted here (the base never sees it).
                long waitMs = e.retryAfter().map(Duration::toMillis).orElse(1_000L);
                metrics().rateLimitWait(waitMs);
                notBeforeMs.put(id, now + waitMs);
            } catch (ChannelUnavailableException e) {
                failed.put(id, e.getMessage());
                LOG.warn("Slack channel {} ({}) stops being read: {}", id, sync.channel().name(), e.getMessage());
            }
        }
        turn = n == 0 ? 0 : (turn + 1) % n;
        if (!syncs.isEmpty() && failed.size() == syncs.size()) {
            throw new ConnectException("No channel of this task can be read: " + failed);
        }
        if (syncs.stream().anyMatch(s -> s.inRound() && !failed.containsKey(s.channel().id())
                && notBeforeMs.getOrDefault(s.channel().id(), 0L) <= clock().millis())) {
            batch.markMoreAvailable();
        }
    }

    @Override
    protected void close() {
        syncs.clear();
    }
}
