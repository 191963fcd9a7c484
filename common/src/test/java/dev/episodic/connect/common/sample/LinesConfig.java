package dev.episodic.connect.common.sample;

import dev.episodic.connect.common.config.EpisodicSourceConfig;
import java.util.Map;
import org.apache.kafka.common.config.ConfigDef;

final class LinesConfig extends EpisodicSourceConfig {
    static final String FILES = "lines.files";
    static final String TASK_FILES = "lines.task.files";

    static final ConfigDef DEFINITION = commonDefinition("episodic.lines", 1000, 100)
            .define(FILES, ConfigDef.Type.LIST, ConfigDef.NO_DEFAULT_VALUE,
                    dev.episodic.connect.common.config.ConfigValidators.nonEmptyList(), ConfigDef.Importance.HIGH,
                    "Text files to read; each is one stream, each line one event.", "Lines", 1,
                    ConfigDef.Width.LONG, "Files")
            .define(TASK_FILES, ConfigDef.Type.STRING, "", ConfigDef.Importance.LOW,
                    "Internal: the files this task reads, as a JSON list.", "Lines", 2, ConfigDef.Width.LONG,
                    "Task files");

    LinesConfig(final Map<?, ?> props) {
        super(DEFINITION, props);
    }
}
