package dev.episodic.connect.cursoride;

import dev.episodic.connect.common.connector.EpisodicSourceConnector;
import dev.episodic.connect.common.cursor.CursorCodec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.Config;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.ConfigValue;
import org.apache.kafka.connect.connector.Task;

/**
 * Cursor IDE connector: AI prompts, generations, conversation messages and composer creations from Cursor's
 * local {@code state.vscdb} databases, read-only, one stream per workspace plus {@code cursor-ide:global}.
 */
public final class CursorIdeSourceConnector extends EpisodicSourceConnector {
    private Map<String, String> props;

    @Override
    public void start(final Map<String, String> props) {
        this.props = new HashMap<>(props);
        new CursorIdeConfig(props);
    }

    @Override
    public Class<? extends Task> taskClass() {
        return CursorIdeSourceTask.class;
    }

    /**
     * Tasks split the workspaces by a stable hash of their stream name (tasks find new workspaces themselves),
     * so there are never more tasks than databases to read.
     */
    @Override
    public List<Map<String, String>> taskConfigs(final int maxTasks) {
        CursorIdeConfig config = new CursorIdeConfig(props);
        WorkspaceDiscovery discovery = new WorkspaceDiscovery(config.dataDir(), new Glob(config.workspaceGlobs()));
        int streams = discovery.workspaces().size() + (discovery.global().isPresent() ? 1 : 0);
        int count = Math.max(1, Math.min(maxTasks, streams));
        List<Map<String, String>> tasks = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            Map<String, String> task = new HashMap<>(props);
            task.put(CursorIdeConfig.SOURCE_ID, config.sourceId());
            task.put(CursorIdeConfig.TASK_INDEX, Integer.toString(i));
            task.put(CursorIdeConfig.TASK_COUNT, Integer.toString(count));
            tasks.add(task);
        }
        return tasks;
    }

    @Override
    public Config validate(final Map<String, String> connectorConfigs) {
        Config result = super.validate(connectorConfigs);
        ConfigValue dataDir = result.configValues().stream()
                .filter(v -> v.name().equals(CursorIdeConfig.DATA_DIR)).findFirst().orElse(null);
        if (dataDir == null || !dataDir.errorMessages().isEmpty()) {
            return result;
        }
        Path dir;
        try {
            String configured = dataDir.value() == null ? "" : dataDir.value().toString();
            dir = configured.isBlank()
                    ? CursorIdeConfig.defaultDataDir(System.getProperty("os.name", ""),
                    System.getProperty("user.home", ""), System.getenv("APPDATA"))
                    : Path.of(configured.trim());
        } catch (ConfigException | java.nio.file.InvalidPathException e) {
            dataDir.addErrorMessage(e.getMessage());
            return result;
        }
        String problem = dataDirProblem(dir);
        if (problem != null) {
            dataDir.addErrorMessage(problem);
        }
        return result;
    }

    static String dataDirProblem(final Path dir) {
        if (!Files.isDirectory(dir)) {
            return "Cursor data folder " + dir + " does not exist; set " + CursorIdeConfig.DATA_DIR
                    + " to Cursor's User folder (the one holding workspaceStorage/ and globalStorage/)";
        }
        if (!Files.isReadable(dir)) {
            return "Cursor data folder " + dir + " is not readable by the Connect worker; grant read access";
        }
        if (!Files.isDirectory(dir.resolve("workspaceStorage")) && !Files.isDirectory(dir.resolve("globalStorage"))) {
            return "Cursor data folder " + dir + " holds neither workspaceStorage/ nor globalStorage/; set "
                    + CursorIdeConfig.DATA_DIR + " to Cursor's User folder";
        }
        return null;
    }

    @Override
    public void stop() {
        props = null;
    }

    @Override
    public ConfigDef config() {
        return CursorIdeConfig.DEFINITION;
    }

    @Override
    protected CursorCodec<?> cursorCodec() {
        return WorkspaceCursor.CODEC;
    }
}
