package dev.episodic.connect.cursoride;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.episodic.connect.common.event.EpisodicEvent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real Cursor data in {@code ../shared/fixtures/cursor-ide/} (read in place, never copied): every prompt,
 * generation and bubble becomes exactly one event, with the counts its README gives.
 */
class RealFixtureTest {
    static final Path FIXTURES = Path.of(System.getProperty("user.dir")).resolve("../..").normalize()
            .resolve("../shared/fixtures/cursor-ide").normalize();

    @TempDir
    Path dir;

    @Test
    void legacyWorkspaceDatabase() throws Exception {
        Path fixture = FIXTURES.resolve("legacy-workspace/state.vscdb");
        assertThat(fixture).as("fixture database").isRegularFile();
        // Cursor's folder layout around the real file: a symbolic link, so the file is read where it lies.
        Path workspace = dir.resolve("workspaceStorage/f87f6e0b2cf1ae8645cc0c5ffaa99529");
        Files.createDirectories(workspace);
        Files.createSymbolicLink(workspace.resolve("state.vscdb"), fixture);
        byte[] before = Files.readAllBytes(fixture);
        try (TaskRunner runner = new TaskRunner(Map.of("cursor.data.dir", dir.toString(), "batch.max.events", "50"))) {
            List<EpisodicEvent> events = runner.drain();
            assertThat(Events.assertDenseAndUnique(events))
                    .containsExactly(Map.entry("cursor-ide:ws:f87f6e0b2cf1ae8645cc0c5ffaa99529", 223));
            assertThat(Events.countByType(events)).containsExactly(Map.entry("ai_message", 131L),
                    Map.entry("ai_prompt", 66L), Map.entry("composer_created", 26L));
            List<EpisodicEvent> messages = Events.where(events, e -> e.eventType().equals("ai_message"));
            assertThat(Events.where(messages, e -> "chat_tab".equals(e.attributes().get("layout")))).hasSize(49);
            assertThat(Events.where(messages, e -> "inline_conversation".equals(e.attributes().get("layout"))))
                    .hasSize(82);
            assertThat(Events.where(messages, e -> e.actor().equals("user"))).hasSize(27 + 41);
            assertThat(Events.where(messages, e -> "claude-3.5-sonnet".equals(e.attributes().get("model"))))
                    .hasSize(22);
            List<EpisodicEvent> prompts = Events.where(events, e -> e.eventType().equals("ai_prompt"));
            assertThat(Events.where(prompts, e -> "2".equals(e.attributes().get("command_type")))).hasSize(51);
            assertThat(Events.where(prompts, e -> "4".equals(e.attributes().get("command_type")))).hasSize(15);
            assertThat(runner.drain()).as("nothing more on later polls").isEmpty();
        }
        assertThat(Files.readAllBytes(fixture)).as("the fixture is never written").isEqualTo(before);
    }

    @Test
    void newerFormatRowsInWorkspaceAndGlobalDatabases() throws Exception {
        Path source = FIXTURES.resolve("newer-format-go-go-labs");
        String composerId = "59f64e5e-70e9-4892-a9e3-69d3d7f4b42d";
        try (TestDb ws = TestDb.workspace(dir, "94bae793", "/home/manuel/code/go-go-labs", true);
             TestDb global = TestDb.global(dir, true)) {
            ws.item(ItemTableSource.PROMPTS, Files.readString(source.resolve("workspace-itemtable.aiService.prompts.json")));
            ws.item(ItemTableSource.GENERATIONS,
                    Files.readString(source.resolve("workspace-itemtable.aiService.generations.json")));
            ws.item(ItemTableSource.COMPOSERS,
                    Files.readString(source.resolve("workspace-itemtable.composer.composerData.json")));
            // The exporter cut this composer row at 20,000 characters: a real case of a value that is not JSON.
            global.kv(DiskKv.COMPOSER_PREFIX + composerId,
                    Files.readString(source.resolve("composerData_59f64e5e.summary.TRUNCATED-20000chars.json.txt")));
            for (String line : Files.readAllLines(source.resolve("bubbles_59f64e5e.118-of-first120.jsonl"))) {
                JsonNode row = JsonValues.parse(line);
                global.kv(row.get("key").asText(), JsonValues.toJson(row.get("value")));
            }
            try (TaskRunner runner = new TaskRunner(Map.of("cursor.data.dir", dir.toString(), "batch.max.events", "40"))) {
                List<EpisodicEvent> events = runner.drain();
                assertThat(Events.assertDenseAndUnique(events)).containsExactly(Map.entry("cursor-ide:ws:94bae793", 146));
                assertThat(Events.countByType(events)).containsExactly(Map.entry("ai_generation", 14L),
                        Map.entry("ai_message", 118L), Map.entry("ai_prompt", 12L), Map.entry("composer_created", 2L));
                List<EpisodicEvent> bubbles = Events.where(events, e -> e.eventType().equals("ai_message"));
                assertThat(Events.where(bubbles, e -> e.actor().equals("user"))).hasSize(1);
                assertThat(Events.where(bubbles, e -> "run_terminal_cmd".equals(e.attributes().get("tool_names"))))
                        .hasSize(65);
                assertThat(Events.where(bubbles, e -> "composer-1".equals(e.attributes().get("model")))).hasSize(3);
                assertThat(bubbles).allSatisfy(b -> {
                    assertThat(b.sessionId()).isEqualTo(composerId);
                    assertThat(b.attributes()).doesNotContainKey("time_estimated");
                });
                assertThat(bubbles).extracting(EpisodicEvent::occurredAt).isSorted();
                EpisodicEvent firstGeneration = Events.where(events, e -> e.eventType().equals("ai_generation")).get(0);
                assertThat(firstGeneration.eventId()).isEqualTo("cursor-ide:generation:3bcfa52b-ec65-4a91-83e5-e7663e3cc005");
                assertThat(runner.drain()).isEmpty();
            }
        }
    }
}
