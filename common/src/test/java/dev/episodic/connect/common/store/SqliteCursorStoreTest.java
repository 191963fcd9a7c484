package dev.episodic.connect.common.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqliteCursorStoreTest {
    @TempDir
    Path dir;

    @Test
    void putGetListDeleteAndExpire() {
        Path file = dir.resolve("nested/cursors.db");
        try (SqliteCursorStore store = SqliteCursorStore.open(file, Clock.fixed(Instant.ofEpochMilli(1000), ZoneOffset.UTC))) {
            store.put("git-a", Map.of("stream", "git:one"), Map.of("v", 1, "seq", 5L));
            store.put("git-a", Map.of("stream", "git:two"), Map.of("v", 1, "seq", 2L));
            store.put("git-a", Map.of("stream", "git:one"), Map.of("v", 1, "seq", 6L));
            assertThat(store.get("git-a", Map.of("stream", "git:one")).orElseThrow().offset()).containsEntry("seq", 6);
            assertThat(store.list()).hasSize(2);
            assertThat(store.listSource("git-a")).extracting(r -> r.stream().orElseThrow()).containsExactly("git:one", "git:two");
        }
        try (SqliteCursorStore store = SqliteCursorStore.open(file, Clock.fixed(Instant.ofEpochMilli(5000), ZoneOffset.UTC))) {
            store.put("slack", Map.of("stream", "slack:C1"), Map.of("v", 1, "seq", 1));
            assertThat(store.deleteOlderThan(Instant.ofEpochMilli(2000))).isEqualTo(2);
            assertThat(store.list()).extracting(StoredCursor::sourceId).containsExactly("slack");
            assertThat(store.deleteSource("slack")).isEqualTo(1);
            assertThat(store.list()).isEmpty();
        }
    }

    @Test
    void corruptRowIsListedAndReadsAsNoCursor() throws Exception {
        Path file = dir.resolve("cursors.db");
        try (SqliteCursorStore store = SqliteCursorStore.open(file)) {
            store.put("src", Map.of("stream", "s1"), Map.of("v", 1, "seq", 1));
        }
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement()) {
            s.executeUpdate("UPDATE event_source_cursors SET cursor_data = '{not json' ");
        }
        try (SqliteCursorStore store = SqliteCursorStore.open(file)) {
            StoredCursor row = store.list().get(0);
            assertThat(row.corrupt()).isTrue();
            assertThat(row.error()).contains("not valid JSON");
            StoreOffsetReader reader = new StoreOffsetReader(store, "src");
            assertThat(reader.offset(Map.of("stream", "s1"))).isNull();
        }
    }

    @Test
    void readerServesOffsetsAsTheTaskWritesThem() {
        try (SqliteCursorStore store = SqliteCursorStore.open(dir.resolve("c.db"))) {
            store.putAll("src", Map.of(Map.of("stream", "a"), Map.of("v", 1, "seq", 3, "tip.main", "abc"),
                    Map.of("stream", "b"), Map.of("v", 1, "seq", 9)));
            StoreOffsetReader reader = new StoreOffsetReader(store, "src");
            assertThat(reader.offset(Map.of("stream", "a"))).containsEntry("tip.main", "abc");
            assertThat(reader.offsets(java.util.List.of(Map.of("stream", "b"), Map.of("stream", "zzz"))))
                    .containsEntry(Map.of("stream", "b"), Map.of("v", 1, "seq", 9))
                    .containsEntry(Map.of("stream", "zzz"), null);
            assertThat(new StoreOffsetReader(store, "other").offset(Map.of("stream", "a"))).isNull();
        }
    }
}
