package dev.episodic.connect.apilog;

import dev.episodic.connect.common.config.ConfigChecks;
import dev.episodic.connect.common.connector.EpisodicSourceConnector;
import dev.episodic.connect.common.cursor.CursorCodec;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.Config;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.connect.connector.Task;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tails HTTP/API request logs (JSON lines, combined, common) into {@code http_request} events, one stream per
 * live log path, followed through rotation. Files are shared between tasks by the hash of their stream name, so
 * a file that starts to match later goes to exactly one task without a reconfiguration.
 */
public final class ApiLogSourceConnector extends EpisodicSourceConnector {
    private static final Logger LOG = LoggerFactory.getLogger(ApiLogSourceConnector.class);

    private Map<String, String> props;

    @Override
    public void start(final Map<String, String> props) {
        this.props = props;
        ApiLogConfig config = new ApiLogConfig(props);
        for (String pattern : config.paths()) {
            PathGlobs.Entry entry = PathGlobs.entry(pattern);
            if (PathGlobs.matches(entry).isEmpty() || (entry.isPlain() && !java.nio.file.Files.exists(entry.base()))) {
                LOG.warn("{} '{}' matches no file yet; files that appear later are picked up", ApiLogConfig.PATHS,
                        pattern);
            }
        }
    }

    @Override
    public Class<? extends Task> taskClass() {
        return ApiLogSourceTask.class;
    }

    @Override
    public List<Map<String, String>> taskConfigs(final int maxTasks) {
        ApiLogConfig config = new ApiLogConfig(props);
        int files = PathGlobs.of(config.paths()).resolve().size();
        int count = Math.max(1, Math.min(maxTasks, files));
        List<Map<String, String>> tasks = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            Map<String, String> task = new HashMap<>(props);
            task.put(ApiLogConfig.SOURCE_ID, config.sourceId());
            task.put(ApiLogConfig.TASK_INDEX, Integer.toString(i));
            task.put(ApiLogConfig.TASK_COUNT, Integer.toString(count));
            tasks.add(task);
        }
        return tasks;
    }

    @Override
    public Config validate(final Map<String, String> connectorConfigs) {
        Config result = super.validate(connectorConfigs);
        ConfigChecks.eachEntry(result, ApiLogConfig.PATHS, (pattern, value) -> {
            try {
                PathGlobs.unreadableFolder(PathGlobs.entry(pattern)).ifPresent(value::addErrorMessage);
            } catch (IllegalArgumentException e) {
                value.addErrorMessage(e.getMessage());
            }
        });
        return result;
    }

    @Override
    public void stop() {
        props = null;
    }

    @Override
    public ConfigDef config() {
        return ApiLogConfig.DEFINITION;
    }

    @Override
    protected CursorCodec<?> cursorCodec() {
        return ApiLogFileCursor.CODEC;
    }
}
