package dev.episodic.connect.filesystem;

import dev.episodic.connect.common.connector.TaskAssignments;
import dev.episodic.connect.common.connector.Versions;
import dev.episodic.connect.common.cursor.StreamPartition;
import dev.episodic.connect.common.task.EpisodicSourceTask;
import dev.episodic.connect.common.task.EventBatch;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.storage.OffsetStorageReader;

/** Reads the repositories assigned to this task; each is one stream with its own cursor. */
public final class GitCommitSourceTask extends EpisodicSourceTask<GitCommitConfig> {
    private final List<RepositoryStream> streams = new ArrayList<>();
    /** Where the next fill starts, so one busy repository cannot starve the others. */
    private int next;

    @Override
    public String version() {
        return Versions.projectVersion();
    }

    @Override
    protected GitCommitConfig parseConfig(final Map<String, String> props) {
        return new GitCommitConfig(props);
    }

    @Override
    protected void open(final GitCommitConfig config) {
        List<String> assigned = TaskAssignments.decode(GitCommitConfig.TASK_REPOSITORIES,
                config.getString(GitCommitConfig.TASK_REPOSITORIES));
        Map<String, Path> all = GitStreamNames.assign(config.repositories());
        List<Map<String, String>> partitions = new ArrayList<>();
        for (String stream : assigned) {
            partitions.add(StreamPartition.of(stream));
        }
        Map<Map<String, String>, Map<String, Object>> offsets = readOffsets(context.offsetStorageReader(), partitions);
        for (String stream : assigned) {
            Path path = all.get(stream);
            if (path == null) {
                throw new org.apache.kafka.connect.errors.ConnectException("Task was assigned stream " + stream
                        + " which git.repositories no longer names; restart the connector");
            }
            GitRepositoryCursor cursor = GitRepositoryCursor.CODEC.read(stream, offsets.get(StreamPartition.of(stream)))
                    .orElse(GitRepositoryCursor.initial());
            streams.add(new RepositoryStream(stream, path, cursor, config.branches(), config.walkOptions(),
                    new GitEventFactory(config.sourceId(), stream, config.includePayload()), metrics()));
        }
    }

    private static Map<Map<String, String>, Map<String, Object>> readOffsets(final OffsetStorageReader reader,
                                                                             final Collection<Map<String, String>> partitions) {
        Map<Map<String, String>, Map<String, Object>> offsets = reader.offsets(partitions);
        return offsets == null ? new HashMap<>() : offsets;
    }

    @Override
    protected void fill(final EventBatch batch) {
        int count = streams.size();
        for (int i = 0; i < count && batch.hasRoom(); i++) {
            RepositoryStream stream = streams.get((next + i) % count);
            if (stream.fill(batch)) {
                batch.markMoreAvailable();
            }
        }
        next = count == 0 ? 0 : (next + 1) % count;
    }

    @Override
    protected void close() {
        for (RepositoryStream stream : streams) {
            stream.close();
        }
        streams.clear();
    }
}
