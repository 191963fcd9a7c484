package dev.episodic.connect.cursoride;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The newer global layout: table {@code cursorDiskKV} with rows {@code composerData:<composerId>} (a composer,
 * versioned by {@code _v}) and {@code bubbleId:<composerId>:<bubbleId>} (one conversation bubble each). Every
 * query is a range over the key index, so reading one composer never scans the others.
 */
final class DiskKv {
    static final String TABLE = "cursorDiskKV";
    static final String COMPOSER_PREFIX = "composerData:";
    static final String BUBBLE_PREFIX = "bubbleId:";
    private static final int IN_CHUNK = 400;

    /**
     * What the index query learns of one composer row without parsing it in Java.
     *
     * @param length        length of the value: changes whenever the composer is rewritten
     * @param validJson     false for a value that is not JSON (reported; its bubbles are still read by key range)
     * @param lastUpdatedAt epoch ms, or 0
     * @param createdAt     epoch ms, or 0
     * @param headers       length of fullConversationHeadersOnly, or -1 when it is not an array
     */
    record ComposerRow(long length, boolean validJson, long lastUpdatedAt, long createdAt, long headers) {
    }

    /** Count and highest rowid of a composer's bubble rows: changes when a bubble is added or rewritten. */
    record BubbleRange(long count, long maxRowid) {
    }

    private final ReadOnlyDatabase db;

    DiskKv(final ReadOnlyDatabase db) {
        this.db = db;
    }

    ReadOnlyDatabase database() {
        return db;
    }

    static boolean present(final ReadOnlyDatabase db) throws SQLException {
        return db.hasTable(TABLE);
    }

    /** Every composerData row, keyed by composer id, in key order. */
    Map<String, ComposerRow> composers() throws SQLException {
        String sql = "SELECT k, length(t), v, "
                + "CASE WHEN v THEN json_extract(t, '$.lastUpdatedAt') END, "
                + "CASE WHEN v THEN json_extract(t, '$.createdAt') END, "
                + "CASE WHEN v AND json_type(t, '$.fullConversationHeadersOnly') = 'array' "
                + "THEN json_array_length(t, '$.fullConversationHeadersOnly') ELSE -1 END "
                + "FROM (SELECT key AS k, CAST(value AS TEXT) AS t, json_valid(CAST(value AS TEXT)) AS v "
                + "FROM cursorDiskKV WHERE key >= 'composerData:' AND key < 'composerData;') ORDER BY k";
        Map<String, ComposerRow> result = new LinkedHashMap<>();
        try (PreparedStatement st = db.prepare(sql); ResultSet rs = st.executeQuery()) {
            while (rs.next()) {
                String id = rs.getString(1).substring(COMPOSER_PREFIX.length());
                result.put(id, new ComposerRow(rs.getLong(2), rs.getInt(3) == 1, number(rs.getObject(4)),
                        number(rs.getObject(5)), rs.getLong(6)));
            }
        }
        return result;
    }

    /**
     * Composer ids that have bubble rows, found by skipping from one composer's key range to the next (one index
     * seek per composer, not a scan over every bubble).
     */
    List<String> composersWithBubbles() throws SQLException {
        List<String> ids = new ArrayList<>();
        String from = BUBBLE_PREFIX;
        try (PreparedStatement st = db.prepare(
                "SELECT key FROM cursorDiskKV WHERE key > ? AND key < 'bubbleId;' ORDER BY key LIMIT 1")) {
            while (true) {
                st.setString(1, from);
                try (ResultSet rs = st.executeQuery()) {
                    if (!rs.next()) {
                        return ids;
                    }
                    String key = rs.getString(1);
                    int colon = key.indexOf(':', BUBBLE_PREFIX.length());
                    if (colon < 0) {
                        // A key with no bubble part: step past it.
                        from = key;
                        continue;
                    }
                    String composerId = key.substring(BUBBLE_PREFIX.length(), colon);
                    ids.add(composerId);
                    // ';' sorts right after ':', so this skips every bubble of this composer.
                    from = BUBBLE_PREFIX + composerId + ";";
                }
            }
        }
    }

    BubbleRange bubbleRange(final String composerId) throws SQLException {
        try (PreparedStatement st = db.prepare(
                "SELECT count(*), coalesce(max(rowid), 0) FROM cursorDiskKV WHERE key >= ? AND key < ?")) {
            st.setString(1, BUBBLE_PREFIX + composerId + ":");
            st.setString(2, BUBBLE_PREFIX + composerId + ";");
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                return new BubbleRange(rs.getLong(1), rs.getLong(2));
            }
        }
    }

    /** The composerData value as text, or null when the row is gone. */
    String composerValue(final String composerId) throws SQLException {
        try (PreparedStatement st = db.prepare("SELECT CAST(value AS TEXT) FROM cursorDiskKV WHERE key = ?")) {
            st.setString(1, COMPOSER_PREFIX + composerId);
            try (ResultSet rs = st.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    /**
     * Bubble ids of a composer that has no usable header list, in the order they were created (their
     * {@code createdAt}, then row order for bubbles without one).
     */
    List<String> bubbleIdsByTime(final String composerId) throws SQLException {
        String prefix = BUBBLE_PREFIX + composerId + ":";
        String sql = "SELECT k FROM (SELECT key AS k, rowid AS r, CAST(value AS TEXT) AS t FROM cursorDiskKV "
                + "WHERE key >= ? AND key < ?) ORDER BY CASE WHEN json_valid(t) THEN json_extract(t, '$.createdAt') "
                + "END, r";
        List<String> ids = new ArrayList<>();
        try (PreparedStatement st = db.prepare(sql)) {
            st.setString(1, prefix);
            st.setString(2, BUBBLE_PREFIX + composerId + ";");
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getString(1).substring(prefix.length()));
                }
            }
        }
        return ids;
    }

    /** Bubble values by bubble id; ids without a row are absent from the result. */
    Map<String, String> bubbles(final String composerId, final List<String> bubbleIds) throws SQLException {
        Map<String, String> result = new HashMap<>();
        String prefix = BUBBLE_PREFIX + composerId + ":";
        for (int from = 0; from < bubbleIds.size(); from += IN_CHUNK) {
            List<String> chunk = bubbleIds.subList(from, Math.min(bubbleIds.size(), from + IN_CHUNK));
            String sql = "SELECT key, CAST(value AS TEXT) FROM cursorDiskKV WHERE key IN ("
                    + String.join(",", java.util.Collections.nCopies(chunk.size(), "?")) + ")";
            try (PreparedStatement st = db.prepare(sql)) {
                for (int i = 0; i < chunk.size(); i++) {
                    st.setString(i + 1, prefix + chunk.get(i));
                }
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        result.put(rs.getString(1).substring(prefix.length()), rs.getString(2));
                    }
                }
            }
        }
        return result;
    }

    private static long number(final Object value) {
        if (value instanceof Number n) {
            return n.longValue();
        }
        if (value instanceof String s) {
            try {
                return (long) Double.parseDouble(s.trim());
            } catch (NumberFormatException e) {
                return 0;
            }
        }
        return 0;
    }
}
