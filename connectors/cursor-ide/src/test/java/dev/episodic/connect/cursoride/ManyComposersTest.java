package dev.episodic.connect.cursoride;

import static org.assertj.core.api.Assertions.assertThat;

import dev.episodic.connect.common.event.EpisodicEvent;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** More composers than a cursor keeps marks for: the horizon takes over, nothing is lost or repeated. */
class ManyComposersTest {
    @TempDir
    Path dir;

    @Test
    void moreGroupsThanMarksAreAllReadOnceAndLaterChangesStillCome() throws Exception {
        int composers = WorkspaceCursor.MAX_MARKS * 2 + 7;
        long start = System.currentTimeMillis() - 3_600_000L;
        try (TestDb global = TestDb.global(dir, true);
             TaskRunner runner = new TaskRunner(Map.of("cursor.data.dir", dir.toString(), "batch.max.events", "100"))) {
            Connection c = global.connection();
            c.setAutoCommit(false);
            try (PreparedStatement st = c.prepareStatement("INSERT INTO cursorDiskKV (key, value) VALUES (?, ?)")) {
                for (int k = 0; k < composers; k++) {
                    String composer = String.format("c%04d", k);
                    List<String> ids = List.of("a" + k, "b" + k);
                    for (int b = 0; b < ids.size(); b++) {
                        st.setString(1, "bubbleId:" + composer + ":" + ids.get(b));
                        st.setString(2, DiskKvLayoutTest.bubble(ids.get(b), b + 1, start + k * 1000L + b, "m"));
                        st.addBatch();
                    }
                    st.setString(1, "composerData:" + composer);
                    st.setString(2, DiskKvLayoutTest.composer(composer, start + k * 1000L + 2, ids, List.of()));
                    st.addBatch();
                }
                st.executeBatch();
            }
            c.commit();
            c.setAutoCommit(true);
            List<EpisodicEvent> first = runner.drain();
            assertThat(Events.assertDenseAndUnique(first)).containsEntry("cursor-ide:global", composers * 3);

            runner.restart();
            assertThat(runner.drain()).isEmpty();
            // An old composer, long dropped from the marks, gets a new bubble and a new update time.
            global.kv("bubbleId:c0001:z", DiskKvLayoutTest.bubble("z", 1, System.currentTimeMillis(), "late"));
            global.kv("composerData:c0001", DiskKvLayoutTest.composer("c0001", System.currentTimeMillis(),
                    List.of("a1", "b1", "z"), List.of()));
            assertThat(runner.drain()).extracting(EpisodicEvent::eventId).containsExactly("cursor-ide:bubble:c0001:z");
            Events.assertDenseAndUnique(runner.all());
        }
    }
}
