package dev.episodic.connect.github;

import dev.episodic.connect.common.connector.TaskAssignments;
import dev.episodic.connect.common.connector.Versions;
import dev.episodic.connect.common.cursor.StreamPartition;
import dev.episodic.connect.common.task.EpisodicSourceTask;
import dev.episodic.connect.common.task.EventBatch;
import dev.episodic.connect.common.task.RetryLaterException;
import dev.episodic.connect.github.client.GitHubApiException;
import dev.episodic.connect.github.client.GitHubClient;
import dev.episodic.connect.github.stream.GitHubEvents;
import dev.episodic.connect.github.stream.StreamReader;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.errors.ConnectException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads its share of repositories: every stream in turn, each poll bounded by the batch size and by a deadline
 * before any further request. A repository that is deleted or no longer readable stops its own streams with a
 * WARN naming it (they are tried again after {@code github.repositories.refresh.ms}); the others go on. A
 * rejected token fails the task, since no stream can proceed.
 */
public final class GitHubSourceTask extends EpisodicSourceTask<GitHubConfig> {
    private static final Logger LOG = LoggerFactory.getLogger(GitHubSourceTask.class);
    /** Requests stop this long into a poll, so a poll returns within about a second. */
    private static final long FILL_BUDGET_MS = 700;

    private final List<StreamReader> readers = new ArrayList<>();
    private final Map<String, Instant> failedUntil = new HashMap<>();
    private GitHubClient client;
    private int next;

    @Override
    public String version() {
        return Versions.projectVersion();
    }

    @Override
    protected GitHubConfig parseConfig(final Map<String, String> props) {
        return new GitHubConfig(props);
    }

    @Override
    protected void open(final GitHubConfig config) {
        client = config.newClient(clock(), metrics());
        List<String> repositories = TaskAssignments.decode(GitHubConfig.TASK_REPOSITORIES,
                config.getString(GitHubConfig.TASK_REPOSITORIES));
        for (String repository : repositories) {
            readers.addAll(RepositoryReaders.create(repository, config, client, stream -> GitHubCursor.CODEC
                    .read(stream, context.offsetStorageReader().offset(StreamPartition.of(stream)))
                    .orElse(GitHubCursor.empty())));
        }
        Instant now = clock().instant();
        readers.forEach(reader -> reader.resumeAt(now));
        LOG.info("GitHub task reads {} streams of {} repositories from {}", readers.size(), repositories.size(),
                client.apiUrl());
    }

    @Override
    protected void fill(final EventBatch batch) throws InterruptedException {
        Instant deadline = clock().instant().plusMillis(FILL_BUDGET_MS);
        boolean more = false;
        int n = readers.size();
        StreamReader.EventFactory events = (stream, repository) -> new GitHubEvents(config().sourceId(), stream,
                repository, config().includePayload(), batch.ingestedAt());
        for (int i = 0; i < n && batch.hasRoom() && !isStopping(); i++) {
            StreamReader reader = readers.get((next + i) % n);
            Instant failed = failedUntil.get(reader.repository());
            if (failed != null && clock().instant().isBefore(failed)) {
                continue;
            }
            try {
                more |= reader.fill(batch, clock(), deadline, config().pollInterval(), events);
            } catch (RetryLaterException e) {
                // Wait (the task loop backs off), then start after this stream, so one failing stream
                // cannot starve the others.
                next = (next + i + 1) % n;
                throw e;
            } catch (GitHubApiException e) {
                if (e.isUnauthorized()) {
                    throw new ConnectException(e.getMessage(), e);
                }
                failedUntil.put(reader.repository(), clock().instant().plus(config().repositoriesRefresh()));
                LOG.warn("GitHub repository {}: its streams stop until {} ({}); the other repositories go on",
                        reader.repository(), failedUntil.get(reader.repository()), e.getMessage());
            }
            if (!batch.hasRoom()) {
                // The next poll starts with the stream that filled this one, so none starves.
                next = (next + i) % n;
            }
        }
        if (batch.hasRoom()) {
            next = (next + 1) % Math.max(1, n);
        }
        if (more) {
            batch.markMoreAvailable();
        }
    }

    @Override
    protected void close() {
        readers.clear();
    }
}
