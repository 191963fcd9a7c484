package dev.episodic.connect.common.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Cursors of standalone runs, in a local SQLite file with the table
 * {@code event_source_cursors(source_id TEXT PRIMARY KEY, cursor_data TEXT, updated_at INTEGER)}.
 *
 * <p>A row holds one Connect source partition of one source: {@code source_id} is the key
 * {@code <source id>|<partition as canonical JSON>}, {@code cursor_data} is
 * {@code {"source_id":…,"partition":{…},"offset":{…}}} and {@code updated_at} is epoch milliseconds. The
 * same offsets a Connect worker would store, so a cursor means the same thing in both modes.
 */
public final class SqliteCursorStore implements AutoCloseable {
    static final String SEPARATOR = "|";

    private static final ObjectMapper JSON = new ObjectMapper().configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() { };

    private final Path file;
    private final Connection connection;
    private final Clock clock;

    private SqliteCursorStore(final Path file, final Connection connection, final Clock clock) {
        this.file = file;
        this.connection = connection;
        this.clock = clock;
    }

    public static SqliteCursorStore open(final Path file) {
        return open(file, Clock.systemUTC());
    }

    public static SqliteCursorStore open(final Path file, final Clock clock) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
        } catch (IOException e) {
            throw new CursorStoreException("Cannot create the folder of cursor store " + file + ": " + e.getMessage()
                    + "; choose a writable path with --cursors", e);
        }
        try {
            Connection c = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath());
            try (Statement s = c.createStatement()) {
                // Wait for a competing writer instead of failing at once; WAL lets readers run beside a writer.
                s.execute("PRAGMA busy_timeout = 10000");
                s.execute("PRAGMA journal_mode = WAL");
                s.execute("CREATE TABLE IF NOT EXISTS event_source_cursors ("
                        + "source_id TEXT PRIMARY KEY, cursor_data TEXT, updated_at INTEGER)");
            }
            return new SqliteCursorStore(file, c, clock);
        } catch (SQLException e) {
            throw failure("open", file, e);
        }
    }

    public Path file() {
        return file;
    }

    /** The row key of one partition of one source: partition keys sorted so the key is canonical. */
    public static String key(final String sourceId, final Map<String, ?> partition) {
        try {
            return sourceId + SEPARATOR + JSON.writeValueAsString(new TreeMap<>(partition));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Partition " + partition + " cannot be written as JSON", e);
        }
    }

    public Optional<StoredCursor> get(final String sourceId, final Map<String, ?> partition) {
        return getByKey(key(sourceId, partition));
    }

    public synchronized Optional<StoredCursor> getByKey(final String key) {
        try (PreparedStatement ps = connection.prepareStatement(
                "SELECT source_id, cursor_data, updated_at FROM event_source_cursors WHERE source_id = ?")) {
            ps.setString(1, key);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(row(rs)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw failure("read", file, e);
        }
    }

    /** Writes the offsets of several partitions of one source in one transaction. */
    public synchronized void putAll(final String sourceId, final Map<? extends Map<String, ?>, ? extends Map<String, ?>> offsets) {
        if (offsets.isEmpty()) {
            return;
        }
        long now = clock.millis();
        try {
            connection.setAutoCommit(false);
            try (PreparedStatement ps = connection.prepareStatement(
                    "INSERT INTO event_source_cursors(source_id, cursor_data, updated_at) VALUES (?, ?, ?) "
                            + "ON CONFLICT(source_id) DO UPDATE SET cursor_data = excluded.cursor_data, "
                            + "updated_at = excluded.updated_at")) {
                for (Map.Entry<? extends Map<String, ?>, ? extends Map<String, ?>> e : offsets.entrySet()) {
                    Map<String, Object> data = new LinkedHashMap<>();
                    data.put("source_id", sourceId);
                    data.put("partition", new TreeMap<>(e.getKey()));
                    data.put("offset", e.getValue());
                    ps.setString(1, key(sourceId, e.getKey()));
                    ps.setString(2, JSON.writeValueAsString(data));
                    ps.setLong(3, now);
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            connection.commit();
        } catch (SQLException | JsonProcessingException e) {
            rollbackQuietly();
            throw failure("write", file, e);
        } finally {
            autoCommit();
        }
    }

    public void put(final String sourceId, final Map<String, ?> partition, final Map<String, ?> offset) {
        putAll(sourceId, Map.of(partition, offset));
    }

    /** All rows, oldest key first; rows that cannot be parsed come back with {@link StoredCursor#error()} set. */
    public synchronized List<StoredCursor> list() {
        List<StoredCursor> rows = new ArrayList<>();
        try (Statement s = connection.createStatement();
             ResultSet rs = s.executeQuery("SELECT source_id, cursor_data, updated_at FROM event_source_cursors ORDER BY source_id")) {
            while (rs.next()) {
                rows.add(row(rs));
            }
            return rows;
        } catch (SQLException e) {
            throw failure("list", file, e);
        }
    }

    /** Rows of one source (all its streams). */
    public List<StoredCursor> listSource(final String sourceId) {
        List<StoredCursor> rows = new ArrayList<>();
        for (StoredCursor row : list()) {
            if (sourceId.equals(row.sourceId())) {
                rows.add(row);
            }
        }
        return rows;
    }

    public synchronized boolean deleteKey(final String key) {
        try (PreparedStatement ps = connection.prepareStatement("DELETE FROM event_source_cursors WHERE source_id = ?")) {
            ps.setString(1, key);
            return ps.executeUpdate() > 0;
        } catch (SQLException e) {
            throw failure("delete", file, e);
        }
    }

    /** Deletes every stream of one source: its next run is a full sync. Returns the rows removed. */
    public int deleteSource(final String sourceId) {
        int removed = 0;
        for (StoredCursor row : listSource(sourceId)) {
            if (deleteKey(row.key())) {
                removed++;
            }
        }
        return removed;
    }

    /** Deletes rows not updated since {@code cutoff}; returns how many. */
    public synchronized int deleteOlderThan(final Instant cutoff) {
        try (PreparedStatement ps = connection.prepareStatement("DELETE FROM event_source_cursors WHERE updated_at < ?")) {
            ps.setLong(1, cutoff.toEpochMilli());
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw failure("expire", file, e);
        }
    }

    @Override
    public synchronized void close() {
        try {
            connection.close();
        } catch (SQLException e) {
            throw failure("close", file, e);
        }
    }

    private static StoredCursor row(final ResultSet rs) throws SQLException {
        String key = rs.getString(1);
        String data = rs.getString(2);
        Instant updatedAt = Instant.ofEpochMilli(rs.getLong(3));
        int separator = key.indexOf(SEPARATOR);
        String sourceId = separator < 0 ? key : key.substring(0, separator);
        try {
            Map<String, Object> parsed = data == null ? null : JSON.readValue(data, MAP);
            Object partition = parsed == null ? null : parsed.get("partition");
            Object offset = parsed == null ? null : parsed.get("offset");
            if (!(partition instanceof Map) || !(offset instanceof Map)) {
                return new StoredCursor(key, sourceId, Map.of(), Map.of(), updatedAt,
                        "cursor_data lacks a partition or offset object");
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> p = (Map<String, Object>) partition;
            @SuppressWarnings("unchecked")
            Map<String, Object> o = (Map<String, Object>) offset;
            return new StoredCursor(key, sourceId, p, o, updatedAt, null);
        } catch (JsonProcessingException e) {
            return new StoredCursor(key, sourceId, Map.of(), Map.of(), updatedAt,
                    "cursor_data is not valid JSON: " + e.getOriginalMessage());
        }
    }

    private void rollbackQuietly() {
        try {
            connection.rollback();
        } catch (SQLException ignored) {
            // The original failure is what the caller needs to see.
        }
    }

    private void autoCommit() {
        try {
            connection.setAutoCommit(true);
        } catch (SQLException ignored) {
            // Next statement reports a broken connection with its own context.
        }
    }

    private static CursorStoreException failure(final String action, final Path file, final Exception e) {
        String hint = e.getMessage() != null && e.getMessage().contains("SQLITE_BUSY")
                ? "another process holds the database locked; stop it or use another --cursors file"
                : "check that the file is a SQLite database and is writable";
        return new CursorStoreException("Cannot " + action + " cursor store " + file + ": " + e.getMessage() + "; " + hint, e);
    }
}
