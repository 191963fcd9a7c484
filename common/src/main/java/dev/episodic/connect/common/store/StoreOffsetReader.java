package dev.episodic.connect.common.store;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.connect.storage.OffsetStorageReader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link OffsetStorageReader} a standalone run gives its task: offsets come from the SQLite cursor store,
 * so the task code is the same as on a Connect worker. A corrupt row is reported and read as "no cursor",
 * which makes that stream fall back to a full sync instead of stopping the run.
 */
public final class StoreOffsetReader implements OffsetStorageReader {
    private static final Logger LOG = LoggerFactory.getLogger(StoreOffsetReader.class);

    private final SqliteCursorStore store;
    private final String sourceId;

    public StoreOffsetReader(final SqliteCursorStore store, final String sourceId) {
        this.store = store;
        this.sourceId = sourceId;
    }

    @Override
    public <T> Map<String, Object> offset(final Map<String, T> partition) {
        Optional<StoredCursor> row = store.get(sourceId, partition);
        if (row.isEmpty()) {
            return null;
        }
        if (row.get().corrupt()) {
            LOG.warn("Cursor row '{}' in {} is corrupt ({}); this stream falls back to a full sync. "
                    + "`episodic cursors reset {}` removes the row.", row.get().key(), store.file(), row.get().error(), sourceId);
            return null;
        }
        return new HashMap<>(row.get().offset());
    }

    @Override
    public <T> Map<Map<String, T>, Map<String, Object>> offsets(final Collection<Map<String, T>> partitions) {
        Map<Map<String, T>, Map<String, Object>> result = new HashMap<>();
        for (Map<String, T> partition : partitions) {
            result.put(partition, offset(partition));
        }
        return result;
    }
}
