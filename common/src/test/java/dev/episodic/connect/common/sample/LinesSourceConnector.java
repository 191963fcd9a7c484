package dev.episodic.connect.common.sample;

import dev.episodic.connect.common.config.ConfigChecks;
import dev.episodic.connect.common.connector.EpisodicSourceConnector;
import dev.episodic.connect.common.cursor.CursorCodec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.Config;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.connect.connector.Task;

/**
 * A minimal connector of the suite's shape (one stream per text file, one event per line). It exists to test
 * the common module and the test kit themselves, before and apart from any real connector.
 */
public final class LinesSourceConnector extends EpisodicSourceConnector {
    private Map<String, String> props;

    @Override
    public void start(final Map<String, String> props) {
        this.props = props;
    }

    @Override
    public Class<? extends Task> taskClass() {
        return LinesSourceTask.class;
    }

    @Override
    public List<Map<String, String>> taskConfigs(final int maxTasks) {
        LinesConfig config = new LinesConfig(props);
        return splitAcrossTasks(props, config.sourceId(), config.getList(LinesConfig.FILES), maxTasks, LinesConfig.TASK_FILES);
    }

    @Override
    public Config validate(final Map<String, String> connectorConfigs) {
        Config result = super.validate(connectorConfigs);
        ConfigChecks.eachEntry(result, LinesConfig.FILES, (file, value) -> {
            if (!Files.isRegularFile(Path.of(file))) {
                value.addErrorMessage("File " + file + " does not exist; create it or fix " + LinesConfig.FILES);
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
        return LinesConfig.DEFINITION;
    }

    @Override
    protected CursorCodec<?> cursorCodec() {
        return LinesCursor.CODEC;
    }
}
