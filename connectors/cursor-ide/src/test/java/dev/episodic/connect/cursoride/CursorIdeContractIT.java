package dev.episodic.connect.cursoride;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.episodic.connect.common.testkit.ContractSource;
import dev.episodic.connect.common.testkit.SourceConnectorContractTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.source.SourceConnector;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The suite's contract on a real broker and Connect worker with exactly-once on. The worker-restart step adds
 * 10,000 bubbles to one composer of a workspace and restarts the worker while they are being synced.
 */
class CursorIdeContractIT extends SourceConnectorContractTest {

    @Override
    protected Class<? extends SourceConnector> connectorClass() {
        return CursorIdeSourceConnector.class;
    }

    @Override
    protected int bulkActivity() {
        return 10_000;
    }

    @Override
    protected ContractSource newSource(final Path dir) throws Exception {
        Path dataDir = dir.resolve("User");
        long now = System.currentTimeMillis() - 60_000;
        try (TestDb ws = TestDb.workspace(dataDir, "contractws", "/home/me/project", true)) {
            ws.item(ItemTableSource.PROMPTS, LegacyLayoutTest.prompts("first", "second", "third"));
            ws.item(ItemTableSource.COMPOSERS, DiskKvLayoutTest.workspaceComposers("c1"));
        }
        Conversation conversation = new Conversation(TestDb.global(dataDir, true), "c1", now);
        conversation.add(2);
        conversation.db.kv("composerData:g1", DiskKvLayoutTest.composer("g1", now, List.of("z1"), List.of()));
        conversation.db.kv("bubbleId:g1:z1", DiskKvLayoutTest.bubble("z1", 1, now, "unclaimed"));
        conversation.db.close();
        return new ContractSource() {
            @Override
            public Map<String, String> config() {
                return Map.of("cursor.data.dir", dataDir.toString(), "cursor.sync.window.hours", "0");
            }

            @Override
            public int initialEvents() {
                // 3 prompts + composer c1 created + 2 bubbles; global: composer g1 created + 1 bubble.
                return 8;
            }

            @Override
            public int addActivity(final int amount) throws Exception {
                try (TestDb db = TestDb.global(dataDir, true)) {
                    conversation.db = db;
                    conversation.add(amount);
                }
                return amount;
            }
        };
    }

    /** A composer's conversation growing the way Cursor writes it: bubble rows, then the composer row. */
    private static final class Conversation {
        private TestDb db;
        private final String composerId;
        private final long start;
        private final List<String> bubbles = new ArrayList<>();

        Conversation(final TestDb db, final String composerId, final long start) {
            this.db = db;
            this.composerId = composerId;
            this.start = start;
        }

        void add(final int amount) throws Exception {
            Connection c = db.connection();
            c.setAutoCommit(false);
            try (PreparedStatement st = c.prepareStatement("INSERT INTO cursorDiskKV (key, value) VALUES (?, ?)")) {
                for (int i = 0; i < amount; i++) {
                    int n = bubbles.size();
                    String id = "b" + n;
                    bubbles.add(id);
                    st.setString(1, "bubbleId:" + composerId + ":" + id);
                    st.setString(2, DiskKvLayoutTest.bubble(id, n % 2 + 1, start + n, "message " + n));
                    st.addBatch();
                }
                st.executeBatch();
                st.setString(1, "composerData:" + composerId);
                st.setString(2, DiskKvLayoutTest.composer(composerId, start + bubbles.size(), bubbles, List.of()));
                st.executeUpdate();
                c.commit();
            } finally {
                c.setAutoCommit(true);
            }
        }
    }

    /** The shipped REST example validates on a real worker once its data folder exists. */
    @Test
    void theShippedConfigValidates(@TempDir final Path dir) throws Exception {
        Path example = Path.of(System.getProperty("user.dir")).resolve("../../config/cursor-ide.json").normalize();
        JsonNode config = JsonValues.parse(Files.readString(example)).get("config");
        Map<String, String> props = new HashMap<>();
        config.properties().forEach(e -> props.put(e.getKey(), e.getValue().asText()));
        Files.createDirectories(dir.resolve("workspaceStorage"));
        props.put("cursor.data.dir", dir.toString());
        props.put("name", "cursor-ide-example");
        JsonNode result = cluster.rest().validate(CursorIdeSourceConnector.class.getName(), props).requireOk().json();
        assertThat(result.path("error_count").asInt()).as(result.toString()).isZero();
    }

    @Override
    protected Map<String, String> invalidConfig(final Path dir) {
        return Map.of("cursor.data.dir", dir.resolve("no-such-cursor").toString());
    }

    @Override
    protected String invalidConfigMessage(final Path dir) {
        return dir.resolve("no-such-cursor") + " does not exist";
    }
}
