package dev.episodic.connect.cursoride;

import dev.episodic.connect.common.event.EpisodicEvent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Benchmark (run by {@code bench/incremental.sh}): a global database with {@code composers} composers and
 * {@code bubbles} bubbles in all; times the first sync, then one incremental poll after 10 new bubbles.
 * Only time spent inside {@code poll()} doing work is counted: each timed poll starts after the poll interval
 * has passed, so it never includes the task's idle wait.
 */
public final class CursorSyncBenchmark {
    private CursorSyncBenchmark() {
    }

    public static void main(final String[] args) throws Exception {
        Path dataDir = Path.of(args[0]);
        int composers = Integer.parseInt(args[1]);
        int bubbles = Integer.parseInt(args[2]);
        int perComposer = bubbles / composers;
        long start = System.currentTimeMillis() - 3_600_000L;
        String filler = "x".repeat(600);
        if (!Files.exists(dataDir.resolve("globalStorage/state.vscdb"))) {
            try (TestDb db = TestDb.global(dataDir, true)) {
                Connection c = db.connection();
                c.setAutoCommit(false);
                try (PreparedStatement st = c.prepareStatement("INSERT INTO cursorDiskKV (key, value) VALUES (?, ?)")) {
                    for (int k = 0; k < composers; k++) {
                        String composer = String.format("composer-%04d", k);
                        List<String> ids = new ArrayList<>();
                        for (int b = 0; b < perComposer; b++) {
                            String id = String.format("bubble-%04d-%03d", k, b);
                            ids.add(id);
                            st.setString(1, "bubbleId:" + composer + ":" + id);
                            st.setString(2, DiskKvLayoutTest.bubble(id, b % 2 + 1, start + k * 1000L + b,
                                    "message " + b + " " + filler));
                            st.addBatch();
                        }
                        st.setString(1, "composerData:" + composer);
                        st.setString(2, DiskKvLayoutTest.composer(composer, start + k * 1000L + perComposer, ids,
                                List.of()));
                        st.addBatch();
                        st.executeBatch();
                    }
                }
                c.commit();
            }
        }
        int expected = composers * (perComposer + 1);
        long pollMs = 200;
        try (TaskRunner runner = new TaskRunner(Map.of("cursor.data.dir", dataDir.toString(),
                "batch.max.events", "2000", "poll.interval.ms", Long.toString(pollMs), "include.payload", "false"))) {
            long firstNanos = 0;
            int seen = 0;
            while (seen < expected) {
                long t = System.nanoTime();
                List<EpisodicEvent> got = runner.pollOnce();
                long spent = System.nanoTime() - t;
                if (!got.isEmpty()) {
                    firstNanos += spent;
                    seen += got.size();
                }
            }
            // Let the stream settle (its last poll finds nothing new) before the change.
            runner.pollFor(java.time.Duration.ofMillis(3 * pollMs));

            String composer = String.format("composer-%04d", composers / 2);
            try (TestDb db = TestDb.global(dataDir, true)) {
                List<String> ids = new ArrayList<>();
                for (int b = 0; b < perComposer + 10; b++) {
                    ids.add(String.format("bubble-%04d-%03d", composers / 2, b));
                }
                for (int b = perComposer; b < perComposer + 10; b++) {
                    db.kv("bubbleId:" + composer + ":" + ids.get(b),
                            DiskKvLayoutTest.bubble(ids.get(b), b % 2 + 1, System.currentTimeMillis(), "new " + b));
                }
                db.kv("composerData:" + composer, DiskKvLayoutTest.composer(composer, System.currentTimeMillis(), ids,
                        List.of()));
            }
            Thread.sleep(pollMs + 50);
            long t = System.nanoTime();
            List<EpisodicEvent> incremental = runner.pollOnce();
            long incrementalNanos = System.nanoTime() - t;
            if (incremental.size() != 10) {
                throw new IllegalStateException("incremental poll brought " + incremental.size() + " events, not 10");
            }
            System.out.printf("composers=%d bubbles=%d events_first_sync=%d%n", composers, composers * perComposer, seen);
            System.out.printf("first_sync_ms=%d%n", firstNanos / 1_000_000);
            System.out.printf("incremental_ms=%.1f%n", incrementalNanos / 1e6);
            System.out.printf("ratio_pct=%.2f  (incremental / first sync; target < 5)%n",
                    100.0 * incrementalNanos / firstNanos);
        }
    }
}
