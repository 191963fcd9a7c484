package dev.episodic.connect.common.cursor;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads one connector's typed cursor back from a stored offset. Every offset carries its format version
 * {@code v}; an older version is first passed through {@link #migrate}, a newer or unknown one is refused.
 *
 * @param <C> the cursor type
 */
public abstract class CursorCodec<C extends StreamCursor> {
    private static final Logger LOG = LoggerFactory.getLogger(CursorCodec.class);

    private final String cursorName;
    private final int currentVersion;

    protected CursorCodec(final String cursorName, final int currentVersion) {
        this.cursorName = cursorName;
        this.currentVersion = currentVersion;
    }

    public final String cursorName() {
        return cursorName;
    }

    public final int currentVersion() {
        return currentVersion;
    }

    /** Strict decode: throws {@link CursorFormatException} with the field and the problem. */
    public final C decode(final Map<String, ?> offset) {
        if (offset == null) {
            throw new CursorFormatException(cursorName + " offset is null");
        }
        Map<String, Object> current = new HashMap<>(offset);
        int version = new OffsetFields(cursorName, current).version();
        if (version > currentVersion || version < 1) {
            throw new CursorFormatException(cursorName + " offset has format version " + version
                    + " but this build reads versions 1.." + currentVersion
                    + "; upgrade the plugin, or reset the offsets of this connector to re-sync");
        }
        while (version < currentVersion) {
            current = migrate(version, current);
            version++;
            current.put(OffsetFields.VERSION, version);
        }
        return decodeCurrent(new OffsetFields(cursorName, current));
    }

    /**
     * Lenient read for task start-up: no offset means a new stream; an offset that cannot be read is logged at
     * WARN, naming the stream and the cause, and the stream falls back to a full sync (empty result).
     */
    public final Optional<C> read(final String stream, final Map<String, Object> offset) {
        if (offset == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(decode(offset));
        } catch (RuntimeException e) {
            LOG.warn("Stored cursor of stream '{}' cannot be read ({}); this stream falls back to a full sync. "
                    + "Inspect or rewrite it through GET/PATCH /connectors/<name>/offsets.", stream, e.getMessage());
            return Optional.empty();
        }
    }

    /**
     * Turns an offset of {@code fromVersion} into one of {@code fromVersion + 1}. The default knows no old
     * versions; a connector that changes its format overrides this and keeps reading what it wrote before.
     */
    protected Map<String, Object> migrate(final int fromVersion, final Map<String, Object> offset) {
        throw new CursorFormatException(cursorName + " offset version " + fromVersion + " has no migration");
    }

    protected abstract C decodeCurrent(OffsetFields fields);
}
