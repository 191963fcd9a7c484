package dev.episodic.connect.common.connector;

import dev.episodic.connect.common.cursor.CursorCodec;
import dev.episodic.connect.common.cursor.StreamPartition;
import dev.episodic.connect.common.config.EpisodicSourceConfig;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.source.ConnectorTransactionBoundaries;
import org.apache.kafka.connect.source.ExactlyOnceSupport;
import org.apache.kafka.connect.source.SourceConnector;

/**
 * What every connector of the suite shares: exactly-once support (offsets are precise, so records and offsets
 * can commit in one transaction) and offset alteration through the KIP-875 REST endpoints, validated against
 * the connector's typed cursor so a bad PATCH is refused before it reaches a task.
 */
public abstract class EpisodicSourceConnector extends SourceConnector {

    /** The codec of this connector's cursor; used to validate altered offsets. */
    protected abstract CursorCodec<?> cursorCodec();

    /**
     * Task configs that split {@code streams} across at most {@code maxTasks} tasks: each task gets the connector's
     * properties, the resolved {@code source.id}, and its share of the streams under {@code assignmentKey}.
     */
    protected static List<Map<String, String>> splitAcrossTasks(final Map<String, String> props, final String sourceId,
                                                                final List<String> streams, final int maxTasks,
                                                                final String assignmentKey) {
        List<Map<String, String>> tasks = new ArrayList<>();
        for (List<String> share : TaskAssignments.split(streams, maxTasks)) {
            Map<String, String> task = new HashMap<>(props);
            task.put(EpisodicSourceConfig.SOURCE_ID, sourceId);
            task.put(assignmentKey, TaskAssignments.encode(share));
            tasks.add(task);
        }
        return tasks;
    }

    @Override
    public String version() {
        return Versions.projectVersion();
    }

    @Override
    public ExactlyOnceSupport exactlyOnceSupport(final Map<String, String> connectorConfig) {
        return ExactlyOnceSupport.SUPPORTED;
    }

    @Override
    public ConnectorTransactionBoundaries canDefineTransactionBoundaries(final Map<String, String> connectorConfig) {
        // Each poll's batch is one transaction; the tasks never need to define their own boundaries.
        return ConnectorTransactionBoundaries.UNSUPPORTED;
    }

    @Override
    public boolean alterOffsets(final Map<String, String> connectorConfig, final Map<Map<String, ?>, Map<String, ?>> offsets) {
        for (Map.Entry<Map<String, ?>, Map<String, ?>> entry : offsets.entrySet()) {
            validatePartition(entry.getKey());
            Map<String, ?> offset = entry.getValue();
            if (offset != null) {
                // Strict decode: throws with the field and problem when the offset is malformed.
                cursorCodec().decode(offset);
            }
        }
        return true;
    }

    /**
     * Checks one altered partition. Every partition of the suite names its stream; a connector whose partitions
     * carry more keys overrides this to check them too.
     */
    protected void validatePartition(final Map<String, ?> partition) {
        if (StreamPartition.streamOf(partition).isEmpty() || partition.size() != 1) {
            throw new ConnectException("Source partition " + partition + " is not one of this connector's: "
                    + "partitions have exactly one key, \"" + StreamPartition.STREAM_KEY + "\", naming the stream");
        }
    }
}
