package dev.episodic.connect.cursoride;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Generations kept as table rows with a {@code data_version} column (tables {@code aiService.generations},
 * {@code ai.generations} or {@code generations}). Version 1 rows carry their fields as columns; version 2 rows
 * carry a JSON object in a {@code value}/{@code data} column, merged over the columns. Rows are read by version
 * range: an incremental poll asks only for versions past the last one read to the end.
 */
final class GenerationsTableSource {
    static final List<String> TABLES = List.of("aiService.generations", "ai.generations", "generations");
    static final String VERSION_COLUMN = "data_version";
    private static final Set<String> JSON_COLUMNS = Set.of("value", "data", "json", "payload");

    private final ReadOnlyDatabase db;
    private final long changedMs;
    private final Warnings warnings;

    GenerationsTableSource(final ReadOnlyDatabase db, final long changedMs, final Warnings warnings) {
        this.db = db;
        this.changedMs = changedMs;
        this.warnings = warnings;
    }

    List<SourceGroup> groups() throws SQLException {
        List<SourceGroup> groups = new ArrayList<>();
        for (String table : TABLES) {
            if (db.hasTable(table)) {
                if (hasVersionColumn(table)) {
                    groups.add(new TableGroup(table));
                } else {
                    warnings.unknownLayout(db.path(), table, "a generations table without a " + VERSION_COLUMN
                            + " column");
                }
            }
        }
        return groups;
    }

    private boolean hasVersionColumn(final String table) throws SQLException {
        try (PreparedStatement st = db.prepare("SELECT 1 FROM pragma_table_info(?) WHERE name = ?")) {
            st.setString(1, table);
            st.setString(2, VERSION_COLUMN);
            try (ResultSet rs = st.executeQuery()) {
                return rs.next();
            }
        }
    }

    static String quote(final String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }

    /** The fingerprint is {@code dv<highest version>.<rows>}; the version part is the range start next time. */
    static long versionOf(final String fingerprint) {
        if (fingerprint == null || !fingerprint.startsWith("dv")) {
            return Long.MIN_VALUE;
        }
        int dot = fingerprint.indexOf('.');
        try {
            return Long.parseLong(fingerprint.substring(2, dot < 0 ? fingerprint.length() : dot));
        } catch (NumberFormatException e) {
            return Long.MIN_VALUE;
        }
    }

    private final class TableGroup implements SourceGroup {
        private final String table;
        private final String fingerprint;
        private final Map<String, JsonNode> rows = new HashMap<>();

        TableGroup(final String table) throws SQLException {
            this.table = table;
            try (PreparedStatement st = db.prepare("SELECT max(" + VERSION_COLUMN + "), count(*) FROM " + quote(table));
                 ResultSet rs = st.executeQuery()) {
                rs.next();
                this.fingerprint = "dv" + rs.getLong(1) + "." + rs.getLong(2);
            }
        }

        @Override
        public String key() {
            return "table:" + table;
        }

        @Override
        public long time() {
            return changedMs;
        }

        @Override
        public String fingerprint() {
            return fingerprint;
        }

        @Override
        public List<String> keys(final String lastCompleteFingerprint) throws SQLException {
            List<String> keys = new ArrayList<>();
            long since = versionOf(lastCompleteFingerprint);
            String sql = "SELECT rowid AS episodic_rowid, * FROM " + quote(table) + " WHERE " + VERSION_COLUMN
                    + " > ? ORDER BY " + VERSION_COLUMN + ", rowid";
            try (PreparedStatement st = db.prepare(sql)) {
                st.setLong(1, since);
                try (ResultSet rs = st.executeQuery()) {
                    ResultSetMetaData meta = rs.getMetaData();
                    while (rs.next()) {
                        ObjectNode node = JsonValues.MAPPER.createObjectNode();
                        for (int c = 2; c <= meta.getColumnCount(); c++) {
                            merge(node, meta.getColumnName(c), rs.getObject(c), rs.getLong(1));
                        }
                        String key = ItemParsers.generationId(node).orElse("row" + rs.getLong(1));
                        rows.put(key, node);
                        keys.add(key);
                    }
                }
            }
            return keys;
        }

        private void merge(final ObjectNode node, final String column, final Object value, final long rowid) {
            if (value == null) {
                return;
            }
            if (JSON_COLUMNS.contains(column.toLowerCase(Locale.ROOT)) && value instanceof String text) {
                try {
                    JsonNode parsed = JsonValues.parse(text);
                    if (parsed.isObject()) {
                        node.setAll((ObjectNode) parsed);
                        return;
                    }
                } catch (JsonProcessingException e) {
                    warnings.invalidJson(db.path(), table + " row " + rowid, e.getOriginalMessage());
                    return;
                }
            }
            if (value instanceof Number n) {
                node.put(column, n.longValue());
            } else if (!(value instanceof byte[])) {
                node.put(column, value.toString());
            }
        }

        @Override
        public List<Item> load(final int fromIndex, final List<String> wanted, final long firstOrdinal) {
            Instant changed = Instant.ofEpochMilli(changedMs);
            return wanted.stream().map(k -> ItemParsers.generation(k, rows.get(k), changed)).toList();
        }
    }
}
