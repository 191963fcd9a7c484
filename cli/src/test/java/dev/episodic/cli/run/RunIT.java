package dev.episodic.cli.run;

import static dev.episodic.cli.LinesFixture.range;
import static dev.episodic.cli.LinesFixture.readEvents;
import static dev.episodic.cli.LinesFixture.sequences;
import static org.assertj.core.api.Assertions.assertThat;

import dev.episodic.cli.Cli;
import dev.episodic.cli.LinesFixture;
import dev.episodic.cli.Main;
import dev.episodic.connect.common.event.EpisodicEvent;
import dev.episodic.connect.common.store.SqliteCursorStore;
import dev.episodic.connect.common.store.StoredCursor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `episodic run` end to end in this JVM: the sample connector, a real SQLite cursor store, JSON-lines output. */
class RunIT {
    private static final String A = "lines:a.log";
    private static final String B = "lines:b.log";

    @TempDir
    Path dir;
    LinesFixture fx;
    Path db;
    Path out;

    @BeforeEach
    void setUp() throws Exception {
        fx = new LinesFixture(dir);
        fx.append("a.log", 1, 3);
        fx.append("b.log", 1, 1);
        db = dir.resolve("state/cursors.db");
        out = dir.resolve("events.jsonl");
    }

    private Cli.Result runOnce(final Path config) {
        return Cli.run("run", config.toString(), "--cursors", db.toString(), "--output", out.toString(), "--once");
    }

    @Test
    void fullThenIncrementalThenNothing() throws Exception {
        Path config = fx.config("lines-run", Map.of(), "a.log", "b.log");

        Cli.Result first = runOnce(config);
        assertThat(first.code()).as(first.toString()).isZero();
        assertThat(first.err()).contains("4 event(s) from source 'lines-run'");
        List<EpisodicEvent> events = readEvents(out);
        assertThat(sequences(events)).containsExactly(Map.entry(A, range(1, 3)), Map.entry(B, range(1, 1)));
        assertThat(events).allSatisfy(e -> assertThat(e.sourceId()).isEqualTo("lines-run"));
        assertThat(events.get(0).content()).isEqualTo("a.log line 1");

        fx.append("a.log", 4, 2);
        Cli.Result second = runOnce(config);
        assertThat(second.code()).as(second.toString()).isZero();
        List<EpisodicEvent> all = readEvents(out);
        assertThat(all).hasSize(6);
        // Incremental: only the two new lines, sequences continuing where the first run stopped.
        assertThat(sequences(all.subList(4, 6))).containsExactly(Map.entry(A, range(4, 5)));
        assertThat(all.get(5).content()).isEqualTo("a.log line 5");

        Cli.Result third = runOnce(config);
        assertThat(third.code()).as(third.toString()).isZero();
        assertThat(third.err()).contains("0 event(s)");
        assertThat(readEvents(out)).hasSize(6);

        try (SqliteCursorStore store = SqliteCursorStore.open(db)) {
            assertThat(store.listSource("lines-run")).extracting(c -> c.offset().get("seq"))
                    .containsExactlyInAnyOrder(5, 1);
        }
    }

    @Test
    void sourceIdFromConfigKeysTheCursors() throws Exception {
        Path config = fx.config("lines-named", Map.of("source.id", "my-notes"), "a.log");
        assertThat(runOnce(config).code()).isZero();
        try (SqliteCursorStore store = SqliteCursorStore.open(db)) {
            assertThat(store.list()).extracting(StoredCursor::sourceId).containsExactly("my-notes");
        }
    }

    @Test
    void unreadableCursorRowWarnsAndFallsBackToFullSyncOfThatStreamOnly() throws Exception {
        Path config = fx.config("lines-corrupt", Map.of(), "a.log", "b.log");
        assertThat(runOnce(config).code()).isZero();
        corrupt(A, "{not json");

        Cli.Result list = Cli.run("cursors", "list", "--cursors", db.toString());
        assertThat(list.code()).as(list.toString()).isZero();
        assertThat(list.out()).contains("CORRUPT: cursor_data is not valid JSON").contains("1 corrupt");

        Files.delete(out);
        Cli.Result rerun = runOnce(config);
        assertThat(rerun.code()).as(rerun.toString()).isZero();
        // Stream a starts over from 1; stream b, whose cursor is intact, emits nothing.
        assertThat(sequences(readEvents(out))).containsExactly(Map.entry(A, range(1, 3)));
        try (SqliteCursorStore store = SqliteCursorStore.open(db)) {
            assertThat(store.list()).noneMatch(StoredCursor::corrupt);
        }
    }

    @Test
    void cursorWithWrongFieldTypesFallsBackToFullSync() throws Exception {
        Path config = fx.config("lines-badfield", Map.of(), "a.log");
        assertThat(runOnce(config).code()).isZero();
        corrupt(A, "{\"source_id\":\"lines-badfield\",\"partition\":{\"stream\":\"" + A + "\"},"
                + "\"offset\":{\"v\":2,\"seq\":\"three\",\"lines\":3}}");
        Files.delete(out);
        Cli.Result rerun = runOnce(config);
        assertThat(rerun.code()).as(rerun.toString()).isZero();
        assertThat(sequences(readEvents(out))).containsExactly(Map.entry(A, range(1, 3)));
    }

    @Test
    void invalidConnectorConfigIsReportedWithTheFixAndExitsTwo() throws Exception {
        Path config = fx.config("lines-bad", Map.of(), "missing.log");
        Cli.Result result = runOnce(config);
        assertThat(result.code()).isEqualTo(Main.USAGE);
        assertThat(result.err()).contains("lines.files").contains("missing.log does not exist");
        assertThat(Files.exists(out)).isFalse();
    }

    @Test
    void unknownConnectorClassNamesTheKnownOnes() throws Exception {
        Path config = dir.resolve("unknown.json");
        Files.writeString(config, "{\"name\":\"x\",\"config\":{\"connector.class\":\"com.example.Nope\"}}");
        Cli.Result result = runOnce(config);
        assertThat(result.code()).isEqualTo(Main.USAGE);
        assertThat(result.err()).contains("com.example.Nope was not found").contains(LinesFixture.CONNECTOR);
    }

    @Test
    void bareConfigMapAndSimpleClassNameWork() throws Exception {
        Path config = dir.resolve("bare.json");
        Files.writeString(config, "{\"name\":\"bare\",\"connector.class\":\"LinesSource\",\"lines.files\":\""
                + fx.file("b.log") + "\",\"batch.max.events\":1}");
        Cli.Result result = runOnce(config);
        assertThat(result.code()).as(result.toString()).isZero();
        assertThat(sequences(readEvents(out))).containsExactly(Map.entry(B, range(1, 1)));
    }

    private void corrupt(final String stream, final String data) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
             PreparedStatement ps = c.prepareStatement("UPDATE event_source_cursors SET cursor_data = ? WHERE source_id LIKE ?")) {
            ps.setString(1, data);
            ps.setString(2, "%" + stream + "%");
            assertThat(ps.executeUpdate()).isEqualTo(1);
        }
    }
}
