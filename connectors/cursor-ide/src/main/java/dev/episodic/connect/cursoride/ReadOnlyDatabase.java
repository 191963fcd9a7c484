package dev.episodic.connect.cursoride;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Arrays;
import java.util.Properties;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/**
 * A read-only connection to one Cursor database. It is opened with {@code mode=ro} and {@code query_only}, so
 * it can never write; reads run inside a short snapshot transaction that is always ended, so Cursor's
 * checkpoints are never held up; waits on a lock are bounded by the query timeout.
 */
final class ReadOnlyDatabase implements AutoCloseable {
    private static final byte[] SQLITE_MAGIC = "SQLite format 3\0".getBytes(StandardCharsets.US_ASCII);

    private final Path path;
    private final Connection connection;
    private final FileStamp openedStamp;
    private long lastUsedMs;

    private ReadOnlyDatabase(final Path path, final Connection connection, final FileStamp openedStamp) {
        this.path = path;
        this.connection = connection;
        this.openedStamp = openedStamp;
        this.lastUsedMs = System.currentTimeMillis();
    }

    static ReadOnlyDatabase open(final Path path, final Duration queryTimeout)
            throws DatabaseReadException {
        FileStamp stamp = FileStamp.of(path);
        if (!stamp.exists()) {
            throw new UnreadableDatabaseException(path + " does not exist (any more)", null);
        }
        requireSqliteHeader(path);
        Properties props = new Properties();
        props.setProperty("open_mode", "1"); // SQLITE_OPEN_READONLY
        props.setProperty("busy_timeout", Long.toString(queryTimeout.toMillis()));
        Connection connection = null;
        try {
            connection = DriverManager.getConnection("jdbc:sqlite:file:" + path.toAbsolutePath() + "?mode=ro", props);
            try (Statement st = connection.createStatement()) {
                st.execute("PRAGMA query_only = 1");
                st.execute("PRAGMA busy_timeout = " + queryTimeout.toMillis());
            }
            return new ReadOnlyDatabase(path, connection, stamp);
        } catch (SQLException e) {
            closeQuietly(connection);
            throw classify(path, e);
        }
    }

    private static void requireSqliteHeader(final Path path) throws UnreadableDatabaseException {
        byte[] header = new byte[SQLITE_MAGIC.length];
        try (InputStream in = Files.newInputStream(path)) {
            int read = in.readNBytes(header, 0, header.length);
            // An empty file is what SQLite makes of a database not yet written; it has no tables to read.
            if (read == 0) {
                return;
            }
            if (read < header.length || !Arrays.equals(header, SQLITE_MAGIC)) {
                throw new UnreadableDatabaseException(path + " is not an SQLite database (its header is not "
                        + "'SQLite format 3'); it is skipped until the file changes", null);
            }
        } catch (IOException e) {
            throw new UnreadableDatabaseException("Cannot read " + path + ": " + e.getMessage(), e);
        }
    }

    Path path() {
        return path;
    }

    FileStamp openedStamp() {
        return openedStamp;
    }

    long lastUsedMs() {
        return lastUsedMs;
    }

    /** Runs {@code work} inside one read snapshot and always ends it. */
    <T> T read(final SnapshotWork<T> work, final long nowMs) throws DatabaseReadException {
        lastUsedMs = nowMs;
        try {
            connection.setAutoCommit(false);
            try {
                return work.run(this);
            } finally {
                try {
                    connection.rollback();
                } finally {
                    connection.setAutoCommit(true);
                }
            }
        } catch (SQLException e) {
            throw classify(path, e);
        }
    }

    PreparedStatement prepare(final String sql) throws SQLException {
        return connection.prepareStatement(sql);
    }

    boolean hasTable(final String table) throws SQLException {
        try (PreparedStatement st = prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?")) {
            st.setString(1, table);
            try (ResultSet rs = st.executeQuery()) {
                return rs.next();
            }
        }
    }

    static DatabaseReadException classify(final Path path, final SQLException e) {
        if (e instanceof SQLiteException sqlite) {
            SQLiteErrorCode code = sqlite.getResultCode();
            int primary = code.code & 0xff;
            if (primary == SQLiteErrorCode.SQLITE_BUSY.code || primary == SQLiteErrorCode.SQLITE_LOCKED.code) {
                return new DatabaseBusyException(path + " is locked by another connection (" + code + ")", e);
            }
            if (primary == SQLiteErrorCode.SQLITE_NOTADB.code || primary == SQLiteErrorCode.SQLITE_CORRUPT.code
                    || primary == SQLiteErrorCode.SQLITE_CANTOPEN.code) {
                return new UnreadableDatabaseException(path + " cannot be read as SQLite (" + code + ": "
                        + e.getMessage() + "); it is skipped until the file changes", e);
            }
        }
        String message = String.valueOf(e.getMessage());
        if (message.contains("SQLITE_BUSY") || message.contains("database is locked")) {
            return new DatabaseBusyException(path + " is locked by another connection", e);
        }
        return new UnreadableDatabaseException(path + " could not be read: " + message, e);
    }

    private static void closeQuietly(final Connection connection) {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException ignored) {
                // Closing a connection that failed to open has nothing left to release.
            }
        }
    }

    @Override
    public void close() {
        closeQuietly(connection);
    }

    /** Reads done inside one snapshot. */
    @FunctionalInterface
    interface SnapshotWork<T> {
        T run(ReadOnlyDatabase db) throws SQLException, DatabaseReadException;
    }
}
