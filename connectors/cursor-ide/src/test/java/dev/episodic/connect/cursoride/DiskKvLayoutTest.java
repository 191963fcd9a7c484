package dev.episodic.connect.cursoride;

import static org.assertj.core.api.Assertions.assertThat;

import dev.episodic.connect.common.event.EpisodicEvent;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The newer layout: global cursorDiskKV composers and bubble rows, tied to workspaces by composer id. */
class DiskKvLayoutTest {
    static final long T0 = 1_765_808_373_121L;

    @TempDir
    Path dir;

    static String composer(final String id, final long updated, final List<String> bubbles,
                           final List<String> generating) {
        List<String> headers = new ArrayList<>();
        for (int i = 0; i < bubbles.size(); i++) {
            headers.add("{\"bubbleId\":\"" + bubbles.get(i) + "\",\"type\":" + (i % 2 == 0 ? 1 : 2) + "}");
        }
        List<String> quoted = generating.stream().map(g -> "\"" + g + "\"").toList();
        return "{\"_v\":10,\"composerId\":\"" + id + "\",\"createdAt\":" + T0 + ",\"lastUpdatedAt\":" + updated
                + ",\"status\":\"completed\",\"fullConversationHeadersOnly\":[" + String.join(",", headers)
                + "],\"conversationMap\":{},\"generatingBubbleIds\":[" + String.join(",", quoted) + "]}";
    }

    static String bubble(final String id, final int type, final long at, final String text) {
        return "{\"_v\":3,\"type\":" + type + ",\"bubbleId\":\"" + id + "\",\"createdAt\":\""
                + Instant.ofEpochMilli(at) + "\",\"text\":\"" + text + "\",\"unifiedMode\":2"
                + (type == 2 ? ",\"modelInfo\":{\"modelName\":\"composer-1\"},\"toolFormerData\":{\"name\":\"read_file\"},"
                + "\"tokenCount\":{\"inputTokens\":10,\"outputTokens\":20}" : "") + "}";
    }

    static String workspaceComposers(final String... ids) {
        List<String> heads = new ArrayList<>();
        for (String id : ids) {
            heads.add("{\"type\":\"head\",\"composerId\":\"" + id + "\",\"name\":\"n " + id + "\",\"createdAt\":" + T0
                    + ",\"unifiedMode\":\"agent\"}");
        }
        return "{\"allComposers\":[" + String.join(",", heads) + "],\"selectedComposerIds\":[]}";
    }

    @Test
    void composersGoToTheirWorkspaceAndTheRestToTheGlobalStream() throws Exception {
        try (TestDb ws = TestDb.workspace(dir, "94bae793", "/home/me/labs", false);
             TestDb global = TestDb.global(dir, false);
             TaskRunner runner = new TaskRunner(Map.of("cursor.data.dir", dir.toString()))) {
            ws.item(ItemTableSource.COMPOSERS, workspaceComposers("c1"));
            global.kv("composerData:c1", composer("c1", T0 + 2_000, List.of("b1", "b2"), List.of()));
            global.kv("bubbleId:c1:b1", bubble("b1", 1, T0 + 1_000, "question"));
            global.kv("bubbleId:c1:b2", bubble("b2", 2, T0 + 2_000, "answer"));
            global.kv("composerData:c2", composer("c2", T0 + 3_000, List.of("z1"), List.of()));
            global.kv("bubbleId:c2:z1", bubble("z1", 1, T0 + 3_000, "orphan question"));
            global.kv("checkpointId:c2:x", "{}");

            List<EpisodicEvent> events = runner.drain();
            assertThat(Events.assertDenseAndUnique(events))
                    .containsEntry("cursor-ide:ws:94bae793", 3).containsEntry("cursor-ide:global", 2);
            EpisodicEvent answer = Events.where(events, e -> e.eventId().equals("cursor-ide:bubble:c1:b2")).get(0);
            assertThat(answer.stream()).isEqualTo("cursor-ide:ws:94bae793");
            assertThat(answer.actor()).isEqualTo("assistant");
            assertThat(answer.sessionId()).isEqualTo("c1");
            assertThat(answer.occurredAt()).isEqualTo(Instant.ofEpochMilli(T0 + 2_000));
            assertThat(answer.attributes()).containsEntry("model", "composer-1").containsEntry("tool_names", "read_file")
                    .containsEntry("input_tokens", "10").containsEntry("output_tokens", "20")
                    .doesNotContainKey("time_estimated");
            EpisodicEvent created = Events.where(events, e -> e.eventId().equals("cursor-ide:composer:c1")).get(0);
            assertThat(created.subject()).isEqualTo("n c1");
            assertThat(created.attributes()).containsEntry("mode", "agent");

            // Two more bubbles: the second one is still being generated, so only the first comes now.
            global.kv("bubbleId:c1:b3", bubble("b3", 1, T0 + 4_000, "follow-up"));
            global.kv("bubbleId:c1:b4", bubble("b4", 2, T0 + 5_000, ""));
            global.kv("composerData:c1", composer("c1", T0 + 5_000, List.of("b1", "b2", "b3", "b4"), List.of("b4")));
            assertThat(runner.drain()).extracting(EpisodicEvent::eventId).containsExactly("cursor-ide:bubble:c1:b3");

            global.kv("bubbleId:c1:b4", bubble("b4", 2, T0 + 5_000, "done"));
            global.kv("composerData:c1", composer("c1", T0 + 6_000, List.of("b1", "b2", "b3", "b4"), List.of()));
            List<EpisodicEvent> done = runner.drain();
            assertThat(done).extracting(EpisodicEvent::content).containsExactly("done");
            Events.assertDenseAndUnique(runner.all());
        }
    }

    @Test
    void corruptValuesAreSkippedAndTheRestIsRead() throws Exception {
        try (TestDb ws = TestDb.workspace(dir, "94bae793", "/home/me/labs", false);
             TestDb global = TestDb.global(dir, false);
             TaskRunner runner = new TaskRunner(Map.of("cursor.data.dir", dir.toString()))) {
            ws.item(ItemTableSource.COMPOSERS, workspaceComposers("c1", "c3"));
            ws.item(ItemTableSource.PROMPTS, "[{\"text\":\"cut");
            ws.item(ItemTableSource.GENERATIONS, "{\"unexpected\":\"object\"}");
            global.kv("composerData:c1", composer("c1", T0 + 2_000, List.of("b1", "b2", "b3"), List.of()));
            global.kv("bubbleId:c1:b1", bubble("b1", 1, T0 + 1_000, "question"));
            global.kv("bubbleId:c1:b2", "{\"_v\":3,\"type\":2,\"text\":\"trunc");
            global.kv("bubbleId:c1:b3", bubble("b3", 1, T0 + 3_000, "after the corrupt one"));
            // A composer row cut mid-value: its bubbles are still found by their own keys.
            global.kv("composerData:c3", "{\"_v\":10,\"composerId\":\"c3\",\"fullConversationHeadersOnly\":[{\"bub");
            global.kv("bubbleId:c3:y2", bubble("y2", 2, T0 + 7_000, "second"));
            global.kv("bubbleId:c3:y1", bubble("y1", 1, T0 + 6_000, "first"));

            List<EpisodicEvent> events = runner.drain();
            Events.assertDenseAndUnique(events);
            assertThat(events).extracting(EpisodicEvent::eventId).containsExactlyInAnyOrder(
                    "cursor-ide:composer:c1", "cursor-ide:bubble:c1:b1", "cursor-ide:bubble:c1:b3",
                    "cursor-ide:composer:c3", "cursor-ide:bubble:c3:y1", "cursor-ide:bubble:c3:y2");
            assertThat(Events.contents(Events.where(events, e -> "c3".equals(e.sessionId())
                    && e.eventType().equals("ai_message")))).containsExactly("first", "second");
        }
    }

    @Test
    void generationsTablesAreReadByVersionRange() throws Exception {
        try (TestDb global = TestDb.global(dir, false);
             TaskRunner runner = new TaskRunner(Map.of("cursor.data.dir", dir.toString()))) {
            global.execute("CREATE TABLE \"aiService.generations\" (generation_uuid TEXT, unix_ms INTEGER, "
                    + "type TEXT, model TEXT, data_version INTEGER)");
            global.execute("INSERT INTO \"aiService.generations\" VALUES ('v1-a', " + T0 + ", 'cmdk', 'gpt-4', 1), "
                    + "('v1-b', " + (T0 + 1) + ", 'chat', 'gpt-4', 2)");
            global.execute("CREATE TABLE generations (value TEXT, data_version INTEGER)");
            global.execute("INSERT INTO generations VALUES ('{\"generationUUID\":\"v2-a\",\"unixMs\":" + T0
                    + ",\"type\":\"composer\",\"tokenCount\":{\"inputTokens\":5}}', 7)");
            List<EpisodicEvent> first = runner.drain();
            assertThat(first).extracting(EpisodicEvent::eventId).containsExactlyInAnyOrder(
                    "cursor-ide:generation:v1-a", "cursor-ide:generation:v1-b", "cursor-ide:generation:v2-a");
            assertThat(Events.where(first, e -> e.eventId().endsWith("v2-a")).get(0).attributes())
                    .containsEntry("input_tokens", "5").containsEntry("generation_type", "composer");
            assertThat(Events.where(first, e -> e.eventId().endsWith("v1-a")).get(0).attributes())
                    .containsEntry("model", "gpt-4");

            global.execute("INSERT INTO \"aiService.generations\" VALUES ('v1-c', " + (T0 + 2) + ", 'chat', 'gpt-4', 3)");
            assertThat(runner.drain()).extracting(EpisodicEvent::eventId).containsExactly("cursor-ide:generation:v1-c");
            Events.assertDenseAndUnique(runner.all());
        }
    }
}
