package dev.episodic.connect.filesystem;

import dev.episodic.connect.common.config.ConfigChecks;
import dev.episodic.connect.common.connector.EpisodicSourceConnector;
import dev.episodic.connect.common.cursor.CursorCodec;
import dev.episodic.connect.filesystem.git.GitException;
import dev.episodic.connect.filesystem.git.GitHistory;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.Config;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.connect.connector.Task;

/**
 * Git history of local repositories as episodic events: one stream per repository, one {@code commit} event per
 * commit however many branches reach it (parents first), plus branch created/deleted and history-rewritten events.
 * Pure Java (JGit): the worker needs no git binary.
 */
public final class GitCommitSourceConnector extends EpisodicSourceConnector {
    private Map<String, String> props;
    private GitCommitConfig config;

    @Override
    public void start(final Map<String, String> props) {
        this.props = new HashMap<>(props);
        this.config = new GitCommitConfig(props);
    }

    @Override
    public Class<? extends Task> taskClass() {
        return GitCommitSourceTask.class;
    }

    @Override
    public List<Map<String, String>> taskConfigs(final int maxTasks) {
        List<String> streams = new ArrayList<>(GitStreamNames.assign(config.repositories()).keySet());
        return splitAcrossTasks(props, config.sourceId(), streams, maxTasks, GitCommitConfig.TASK_REPOSITORIES);
    }

    @Override
    public Config validate(final Map<String, String> connectorConfigs) {
        Config result = super.validate(connectorConfigs);
        ConfigChecks.eachEntry(result, GitCommitConfig.REPOSITORIES, (repository, value) -> {
            try (GitHistory ignored = GitHistory.open(java.nio.file.Path.of(repository))) {
                // Opening proves the path is a readable repository.
            } catch (GitException e) {
                value.addErrorMessage(e.getMessage());
            }
        });
        return result;
    }

    @Override
    public void stop() {
        props = null;
        config = null;
    }

    @Override
    public ConfigDef config() {
        return GitCommitConfig.DEFINITION;
    }

    @Override
    protected CursorCodec<?> cursorCodec() {
        return GitRepositoryCursor.CODEC;
    }
}
