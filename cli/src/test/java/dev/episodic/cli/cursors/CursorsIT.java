package dev.episodic.cli.cursors;

import static org.assertj.core.api.Assertions.assertThat;

import dev.episodic.cli.Cli;
import dev.episodic.cli.LinesFixture;
import dev.episodic.cli.Main;
import dev.episodic.connect.common.cursor.StreamPartition;
import dev.episodic.connect.common.store.SqliteCursorStore;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `episodic cursors list|show|reset|expire` over a real store, with rows of known age. */
class CursorsIT {
    @TempDir
    Path dir;

    private Path storeWith(final Map<String, Duration> sourcesByAge) {
        Path db = dir.resolve("cursors.db");
        Instant now = Instant.now();
        for (Map.Entry<String, Duration> e : sourcesByAge.entrySet()) {
            try (SqliteCursorStore store = SqliteCursorStore.open(db, Clock.fixed(now.minus(e.getValue()), ZoneOffset.UTC))) {
                store.put(e.getKey(), StreamPartition.of(e.getKey() + ":main"), Map.of("v", 1, "seq", 42));
                store.put(e.getKey(), StreamPartition.of(e.getKey() + ":dev"), Map.of("v", 1, "seq", 7));
            }
        }
        return db;
    }

    @Test
    void listShowsSourceStreamSequenceAgeAndStaleMark() {
        Path db = storeWith(Map.of("fresh", Duration.ofMinutes(5), "old", Duration.ofDays(3)));
        Cli.Result r = Cli.run("cursors", "list", "--cursors", db.toString());
        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(r.out()).containsPattern("fresh\\s+fresh:main\\s+42\\s+5m\\s+ok")
                .containsPattern("old\\s+old:dev\\s+7\\s+3d 0h\\s+STALE")
                .contains("4 cursor(s)");
    }

    @Test
    void showPrintsPartitionAndOffsetAsJson() {
        Path db = storeWith(Map.of("fresh", Duration.ofMinutes(1)));
        Cli.Result r = Cli.run("cursors", "show", "fresh", "--cursors", db.toString());
        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(r.out()).contains("\"partition\":{\"stream\":\"fresh:main\"}").contains("\"offset\":{\"seq\":42,\"v\":1}");
    }

    @Test
    void resetRemovesOneSourceSoItsNextRunIsFull() {
        Path db = storeWith(Map.of("a", Duration.ofMinutes(1), "b", Duration.ofMinutes(1)));
        Cli.Result r = Cli.run("cursors", "reset", "a", "--cursors", db.toString());
        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(r.out()).contains("removed 2 cursor(s)");
        try (SqliteCursorStore store = SqliteCursorStore.open(db)) {
            assertThat(store.listSource("a")).isEmpty();
            assertThat(store.listSource("b")).hasSize(2);
        }
    }

    @Test
    void resetOfAnUnknownSourceNamesTheKnownOnes() {
        Path db = storeWith(Map.of("a", Duration.ofMinutes(1)));
        Cli.Result r = Cli.run("cursors", "reset", "typo", "--cursors", db.toString());
        assertThat(r.code()).isEqualTo(Main.USAGE);
        assertThat(r.err()).contains("No cursors for source 'typo'").contains("known sources: a");
    }

    @Test
    void expireDeletesOnlyCursorsOlderThanTheDuration() {
        Path db = storeWith(Map.of("recent", Duration.ofHours(2), "ancient", Duration.ofDays(40)));
        Cli.Result r = Cli.run("cursors", "expire", "--older-than", "30d", "--cursors", db.toString());
        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(r.out()).contains("Expired 2 cursor(s)");
        try (SqliteCursorStore store = SqliteCursorStore.open(db)) {
            assertThat(store.list()).allSatisfy(c -> assertThat(c.sourceId()).isEqualTo("recent")).hasSize(2);
        }
    }

    @Test
    void badDurationAndMissingStoreAreUsageErrors() {
        Path db = storeWith(Map.of("a", Duration.ofMinutes(1)));
        Cli.Result bad = Cli.run("cursors", "expire", "--older-than", "soon", "--cursors", db.toString());
        assertThat(bad.code()).isEqualTo(Main.USAGE);
        assertThat(bad.err()).contains("'soon' is not a duration");
        Cli.Result missing = Cli.run("cursors", "list", "--cursors", dir.resolve("nope.db").toString());
        assertThat(missing.code()).isEqualTo(Main.USAGE);
        assertThat(missing.err()).contains("No cursor store at");
    }

    @Test
    void cursorsWrittenByRunAreListedUnderTheConnectorName() throws Exception {
        LinesFixture fx = new LinesFixture(dir);
        fx.append("notes.log", 1, 2);
        Path config = fx.config("notes", Map.of(), "notes.log");
        Path db = dir.resolve("run.db");
        assertThat(Cli.run("run", config.toString(), "--cursors", db.toString(), "--output", dir.resolve("o.jsonl").toString(), "--once").code()).isZero();
        Cli.Result r = Cli.run("cursors", "list", "--cursors", db.toString());
        assertThat(r.out()).containsPattern("notes\\s+lines:notes.log\\s+2\\s+\\d+s\\s+ok");
    }
}
