package dev.episodic.connect.cursoride;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;

/** A Cursor-like state database the tests write, as Cursor would (same tables, same conflict rule). */
final class TestDb implements AutoCloseable {
    private final Connection connection;
    private final Path file;

    private TestDb(final Path file, final Connection connection) {
        this.file = file;
        this.connection = connection;
    }

    static TestDb create(final Path file, final boolean wal) throws Exception {
        Files.createDirectories(file.getParent());
        Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
        try (Statement st = c.createStatement()) {
            if (wal) {
                st.execute("PRAGMA journal_mode = WAL");
            }
            st.execute("CREATE TABLE IF NOT EXISTS ItemTable (key TEXT UNIQUE ON CONFLICT REPLACE, value BLOB)");
            st.execute("CREATE TABLE IF NOT EXISTS cursorDiskKV (key TEXT UNIQUE ON CONFLICT REPLACE, value BLOB)");
        }
        return new TestDb(file, c);
    }

    /** A workspace folder under {@code dataDir}: its database and a workspace.json naming {@code folder}. */
    static TestDb workspace(final Path dataDir, final String hash, final String folder, final boolean wal)
            throws Exception {
        Path dir = dataDir.resolve("workspaceStorage").resolve(hash);
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("workspace.json"), "{\"folder\":\"file://" + folder + "\"}");
        return create(dir.resolve("state.vscdb"), wal);
    }

    static TestDb global(final Path dataDir, final boolean wal) throws Exception {
        return create(dataDir.resolve("globalStorage").resolve("state.vscdb"), wal);
    }

    Path file() {
        return file;
    }

    TestDb item(final String key, final String value) throws SQLException {
        return put("INSERT INTO ItemTable (key, value) VALUES (?, ?)", key, value);
    }

    TestDb kv(final String key, final String value) throws SQLException {
        return put("INSERT INTO cursorDiskKV (key, value) VALUES (?, ?)", key, value);
    }

    private TestDb put(final String sql, final String key, final String value) throws SQLException {
        try (PreparedStatement st = connection.prepareStatement(sql)) {
            st.setString(1, key);
            st.setString(2, value);
            st.executeUpdate();
        }
        return this;
    }

    void execute(final String sql) throws SQLException {
        try (Statement st = connection.createStatement()) {
            st.execute(sql);
        }
    }

    Connection connection() {
        return connection;
    }

    @Override
    public void close() throws SQLException {
        connection.close();
    }
}
