package dev.episodic.connect.cursoride;

import static org.assertj.core.api.Assertions.assertThat;

import dev.episodic.connect.common.event.EpisodicEvent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Live databases: concurrent writers, locks, files appearing, replaced, or not SQLite at all. */
class RobustnessTest {
    @TempDir
    Path dir;

    @Test
    void aWriterAddingBubblesInWalModeWhileTheTaskReadsLosesAndRepeatsNothing() throws Exception {
        int bubbles = 300;
        try (TestDb ws = TestDb.workspace(dir, "wal", "/home/me/wal", true);
             TestDb global = TestDb.global(dir, true);
             TaskRunner runner = new TaskRunner(Map.of("cursor.data.dir", dir.toString(), "batch.max.events", "7"))) {
            ws.item(ItemTableSource.COMPOSERS, DiskKvLayoutTest.workspaceComposers("c1"));
            global.kv("composerData:c1", DiskKvLayoutTest.composer("c1", DiskKvLayoutTest.T0, List.of(), List.of()));
            ExecutorService writer = Executors.newSingleThreadExecutor();
            try {
                Future<?> writing = writer.submit(() -> {
                    List<String> ids = new ArrayList<>();
                    for (int i = 0; i < bubbles; i++) {
                        String id = "b" + i;
                        ids.add(id);
                        long at = DiskKvLayoutTest.T0 + i;
                        // Cursor's order: the bubble row first, then the composer with the new header.
                        global.kv("bubbleId:c1:" + id, DiskKvLayoutTest.bubble(id, i % 2 + 1, at, "text " + i));
                        global.kv("composerData:c1", DiskKvLayoutTest.composer("c1", at, ids, List.of()));
                        if (i % 25 == 0) {
                            Thread.sleep(5);
                        }
                    }
                    return null;
                });
                while (!writing.isDone()) {
                    runner.pollOnce();
                }
                writing.get(1, TimeUnit.MINUTES);
            } finally {
                writer.shutdownNow();
            }
            runner.drain();
            Map<String, Integer> counts = Events.assertDenseAndUnique(runner.all());
            assertThat(counts).containsEntry("cursor-ide:ws:wal", bubbles + 1);
        }
    }

    @Test
    void anExclusiveLockMakesTheStreamWaitNeverFail() throws Exception {
        try (TestDb ws = TestDb.workspace(dir, "locked", "/home/me/locked", false);
             TestDb other = TestDb.workspace(dir, "free", "/home/me/free", false)) {
            ws.item(ItemTableSource.PROMPTS, LegacyLayoutTest.prompts("a", "b"));
            other.item(ItemTableSource.PROMPTS, LegacyLayoutTest.prompts("c"));
            try (Connection locker = DriverManager.getConnection("jdbc:sqlite:" + ws.file());
                 Statement st = locker.createStatement();
                 TaskRunner runner = new TaskRunner(Map.of("cursor.data.dir", dir.toString(),
                         "cursor.query.timeout.ms", "50"))) {
                // In rollback-journal mode BEGIN EXCLUSIVE takes the EXCLUSIVE lock at once: no reader may enter.
                st.execute("BEGIN EXCLUSIVE");
                st.execute("INSERT INTO ItemTable VALUES ('x', 'y')");
                List<EpisodicEvent> whileLocked = runner.pollFor(Duration.ofSeconds(1));
                assertThat(runner.task().settled()).as("the locked stream waits to retry").isFalse();
                assertThat(whileLocked).extracting(EpisodicEvent::stream).containsOnly("cursor-ide:ws:free");
                assertThat(runner.task().taskMetrics().retries()).as("each locked read is a counted retry").isPositive();
                st.execute("COMMIT");
                runner.clock.advance(Duration.ofSeconds(10));
                List<EpisodicEvent> after = runner.drain();
                assertThat(after).extracting(EpisodicEvent::content).containsExactly("a", "b");
                // Once drained, further rounds find unchanged files: counted as requests answered "not modified".
                assertThat(runner.task().taskMetrics().notModifiedAnswers()).isPositive();
                assertThat(runner.task().taskMetrics().sourceRequests())
                        .isGreaterThan(runner.task().taskMetrics().notModifiedAnswers());
                assertThat(runner.task().taskMetrics().eventsEmitted()).isEqualTo(3);
            }
        }
    }

    @Test
    void aNewWorkspaceIsPickedUpWhileRunning() throws Exception {
        try (TestDb first = TestDb.workspace(dir, "first", "/home/me/first", false);
             TaskRunner runner = new TaskRunner(Map.of("cursor.data.dir", dir.toString()))) {
            first.item(ItemTableSource.PROMPTS, LegacyLayoutTest.prompts("one"));
            assertThat(runner.drain()).hasSize(1);
            try (TestDb second = TestDb.workspace(dir, "second", "/home/me/second", false)) {
                second.item(ItemTableSource.PROMPTS, LegacyLayoutTest.prompts("two"));
                runner.clock.advance(CursorIdeSourceTask.DISCOVERY_INTERVAL);
                List<EpisodicEvent> added = runner.drain();
                assertThat(added).extracting(EpisodicEvent::stream).containsExactly("cursor-ide:ws:second");
                assertThat(added.get(0).sequence()).isEqualTo(1);
            }
        }
    }

    @Test
    void aFileThatIsNotSqliteIsReportedAndOthersAreStillRead() throws Exception {
        Path bad = dir.resolve("workspaceStorage").resolve("bad");
        Files.createDirectories(bad);
        Files.writeString(bad.resolve("state.vscdb"), "this is not a database, it is a note to self\n".repeat(20));
        try (TestDb good = TestDb.workspace(dir, "good", "/home/me/good", false);
             TaskRunner runner = new TaskRunner(Map.of("cursor.data.dir", dir.toString()))) {
            good.item(ItemTableSource.PROMPTS, LegacyLayoutTest.prompts("fine"));
            assertThat(runner.drain()).extracting(EpisodicEvent::stream).containsExactly("cursor-ide:ws:good");
        }
    }

    @Test
    void aDatabaseReplacedUnderUsIsReopened() throws Exception {
        try (TestDb ws = TestDb.workspace(dir, "moved", "/home/me/moved", false);
             TaskRunner runner = new TaskRunner(Map.of("cursor.data.dir", dir.toString(),
                     "cursor.max.open.databases", "1"))) {
            ws.item(ItemTableSource.PROMPTS, LegacyLayoutTest.prompts("a"));
            assertThat(runner.drain()).hasSize(1);
            Path replacement = dir.resolve("replacement.vscdb");
            try (TestDb next = TestDb.create(replacement, false)) {
                next.item(ItemTableSource.PROMPTS, LegacyLayoutTest.prompts("a", "b"));
            }
            Files.move(replacement, ws.file(), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            assertThat(runner.drain()).extracting(EpisodicEvent::content).containsExactly("b");
        }
    }

    @Test
    void workspacesOutsideTheGlobsAreNotRead() throws Exception {
        try (TestDb in = TestDb.workspace(dir, "in", "/home/me/src/app", false);
             TestDb out = TestDb.workspace(dir, "out", "/tmp/scratch", false);
             TaskRunner runner = new TaskRunner(Map.of("cursor.data.dir", dir.toString(),
                     "cursor.workspaces", "/home/me/src/**"))) {
            in.item(ItemTableSource.PROMPTS, LegacyLayoutTest.prompts("in"));
            out.item(ItemTableSource.PROMPTS, LegacyLayoutTest.prompts("out"));
            assertThat(runner.drain()).extracting(EpisodicEvent::content).containsExactly("in");
        }
    }
}
