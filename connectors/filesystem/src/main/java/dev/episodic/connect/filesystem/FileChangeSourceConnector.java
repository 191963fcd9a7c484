package dev.episodic.connect.filesystem;

import dev.episodic.connect.common.config.ConfigChecks;
import dev.episodic.connect.common.connector.EpisodicSourceConnector;
import dev.episodic.connect.common.cursor.CursorCodec;
import dev.episodic.connect.filesystem.files.FileShardCursor;
import dev.episodic.connect.filesystem.files.FileStreamNames;
import dev.episodic.connect.filesystem.files.ShardPartition;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.Config;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigValue;
import org.apache.kafka.connect.connector.Task;
import org.apache.kafka.connect.errors.ConnectException;

/**
 * Changes to files under watched folders as episodic events: one stream per root, {@code file_added},
 * {@code file_modified}, {@code file_deleted} and {@code file_renamed}, found by periodic scans compared with the
 * state kept in Connect offsets, sharded 256 ways per root so no offset grows with the root.
 */
public final class FileChangeSourceConnector extends EpisodicSourceConnector {
    private Map<String, String> props;
    private FileChangeConfig config;

    @Override
    public void start(final Map<String, String> props) {
        this.props = new HashMap<>(props);
        this.config = new FileChangeConfig(props);
    }

    @Override
    public Class<? extends Task> taskClass() {
        return FileChangeSourceTask.class;
    }

    @Override
    public List<Map<String, String>> taskConfigs(final int maxTasks) {
        List<String> streams = new ArrayList<>(FileStreamNames.assign(config.roots()).keySet());
        return splitAcrossTasks(props, config.sourceId(), streams, maxTasks, FileChangeConfig.TASK_ROOTS);
    }

    @Override
    public Config validate(final Map<String, String> connectorConfigs) {
        Config result = super.validate(connectorConfigs);
        ConfigChecks.eachEntry(result, FileChangeConfig.ROOTS, FileChangeSourceConnector::checkRoot);
        return result;
    }

    private static void checkRoot(final String root, final ConfigValue value) {
        Path path;
        try {
            path = Path.of(root);
        } catch (InvalidPathException e) {
            value.addErrorMessage("Root " + root + " is not a valid path (" + e.getMessage() + "); fix "
                    + FileChangeConfig.ROOTS);
            return;
        }
        if (!Files.exists(path)) {
            value.addErrorMessage("Root " + root + " does not exist; create the folder or fix " + FileChangeConfig.ROOTS);
        } else if (!Files.isDirectory(path)) {
            value.addErrorMessage("Root " + root + " is not a folder; name a folder in " + FileChangeConfig.ROOTS);
        } else if (!Files.isReadable(path)) {
            value.addErrorMessage("Root " + root + " cannot be read by the worker; grant read access or fix "
                    + FileChangeConfig.ROOTS);
        }
    }

    /** Partitions here are {@code {"stream", "shard"}}: see {@link ShardPartition} for why. */
    @Override
    protected void validatePartition(final Map<String, ?> partition) {
        ShardPartition.problem(partition).ifPresent(problem -> {
            throw new ConnectException("Source partition " + partition + " is not one of this connector's: " + problem);
        });
    }

    @Override
    public void stop() {
        props = null;
        config = null;
    }

    @Override
    public ConfigDef config() {
        return FileChangeConfig.DEFINITION;
    }

    @Override
    protected CursorCodec<?> cursorCodec() {
        return FileShardCursor.CODEC;
    }
}
