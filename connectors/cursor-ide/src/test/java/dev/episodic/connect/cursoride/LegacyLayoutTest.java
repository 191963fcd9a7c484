package dev.episodic.connect.cursoride;

import static org.assertj.core.api.Assertions.assertThat;

import dev.episodic.connect.common.event.EpisodicEvent;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The legacy ItemTable layout: prompts, generations, AI chat tabs and composers with inline conversations. */
class LegacyLayoutTest {
    static final long T0 = 1_731_784_818_255L;

    @TempDir
    Path dir;

    static String prompts(final String... texts) {
        StringBuilder json = new StringBuilder("[");
        for (String t : texts) {
            json.append(json.length() > 1 ? "," : "").append("{\"text\":\"").append(t).append("\",\"commandType\":4}");
        }
        return json.append(']').toString();
    }

    static String generations(final String... ids) {
        StringBuilder json = new StringBuilder("[");
        for (int i = 0; i < ids.length; i++) {
            json.append(i > 0 ? "," : "").append("{\"unixMs\":").append(T0 + Integer.parseInt(ids[i].substring(1)) * 1000L)
                    .append(",\"generationUUID\":\"").append(ids[i]).append("\",\"type\":\"composer\",")
                    .append("\"textDescription\":\"gen ").append(ids[i]).append("\"}");
        }
        return json.append(']').toString();
    }

    static String chat(final long lastSend, final String... bubbleIds) {
        StringBuilder bubbles = new StringBuilder();
        for (int i = 0; i < bubbleIds.length; i++) {
            boolean user = i % 2 == 0;
            bubbles.append(i > 0 ? "," : "").append("{\"id\":\"").append(bubbleIds[i]).append("\",\"type\":\"")
                    .append(user ? "user" : "ai").append("\",\"text\":\"chat ").append(bubbleIds[i]).append('"')
                    .append(user ? "" : ",\"modelType\":\"claude-3.5-sonnet\"").append('}');
        }
        return "{\"tabs\":[{\"tabId\":\"tab-1\",\"chatTitle\":\"t\",\"lastSendTime\":" + lastSend + ",\"bubbles\":["
                + bubbles + "]}],\"chatDataVersion\":0}";
    }

    static String composers(final String... bubbleIds) {
        StringBuilder conversation = new StringBuilder();
        for (int i = 0; i < bubbleIds.length; i++) {
            conversation.append(i > 0 ? "," : "").append("{\"type\":").append(i % 2 == 0 ? 1 : 2)
                    .append(",\"bubbleId\":\"").append(bubbleIds[i]).append("\",\"text\":\"composer ")
                    .append(bubbleIds[i]).append("\"}");
        }
        return "{\"allComposers\":[{\"composerId\":\"comp-1\",\"name\":\"Sidebar\",\"createdAt\":" + T0
                + ",\"status\":\"completed\",\"conversation\":[" + conversation + "]}],\"composerDataVersion\":0}";
    }

    private TestDb legacyWorkspace() throws Exception {
        TestDb db = TestDb.workspace(dir, "f87f6e0b", "/home/me/mobilechat", false);
        db.item(ItemTableSource.PROMPTS, prompts("p1", "p2", "p1"));
        db.item(ItemTableSource.GENERATIONS, generations("g1", "g2"));
        db.item(ItemTableSource.CHAT, chat(T0 + 5_000, "b1", "b2"));
        db.item(ItemTableSource.COMPOSERS, composers("x1", "x2"));
        db.item("workbench.panel.aichat", "{\"workbench.panel.aichat.view\":{\"collapsed\":false}}");
        return db;
    }

    @Test
    void everyLegacyItemBecomesOneEventWithItsFields() throws Exception {
        legacyWorkspace().close();
        try (TaskRunner runner = new TaskRunner(Map.of("cursor.data.dir", dir.toString()))) {
            List<EpisodicEvent> events = runner.drain();
            assertThat(Events.assertDenseAndUnique(events)).containsEntry("cursor-ide:ws:f87f6e0b", 10);
            assertThat(Events.countByType(events)).containsEntry("ai_prompt", 3L).containsEntry("ai_generation", 2L)
                    .containsEntry("ai_message", 4L).containsEntry("composer_created", 1L);

            EpisodicEvent generation = Events.where(events, e -> e.eventType().equals("ai_generation")).get(0);
            assertThat(generation.eventId()).isEqualTo("cursor-ide:generation:g1");
            assertThat(generation.occurredAt()).isEqualTo(Instant.ofEpochMilli(T0 + 1000));
            assertThat(generation.attributes()).containsEntry("generation_type", "composer")
                    .doesNotContainKey("time_estimated");

            EpisodicEvent answer = Events.where(events, e -> e.eventId().equals("cursor-ide:bubble:tab-1:b2")).get(0);
            assertThat(answer.actor()).isEqualTo("assistant");
            assertThat(answer.sessionId()).isEqualTo("tab-1");
            assertThat(answer.content()).isEqualTo("chat b2");
            assertThat(answer.attributes()).containsEntry("model", "claude-3.5-sonnet").containsEntry("time_estimated", "true");
            assertThat(answer.occurredAt()).isEqualTo(Instant.ofEpochMilli(T0 + 5_000));

            EpisodicEvent created = Events.where(events, e -> e.eventType().equals("composer_created")).get(0);
            assertThat(created.subject()).isEqualTo("Sidebar");
            assertThat(created.occurredAt()).isEqualTo(Instant.ofEpochMilli(T0));
            assertThat(created.payload()).doesNotContain("conversation");

            EpisodicEvent question = Events.where(events, e -> e.eventId().equals("cursor-ide:bubble:comp-1:x1")).get(0);
            assertThat(question.actor()).isEqualTo("user");
            assertThat(question.sessionId()).isEqualTo("comp-1");

            List<EpisodicEvent> prompts = Events.where(events, e -> e.eventType().equals("ai_prompt"));
            assertThat(Events.contents(prompts)).containsExactly("p1", "p2", "p1");
            assertThat(prompts).allSatisfy(p -> assertThat(p.attributes()).containsEntry("time_estimated", "true"));
        }
    }

    @Test
    void arraysRewrittenAndTrimmedYieldOnlyTheNewItems() throws Exception {
        try (TestDb db = legacyWorkspace(); TaskRunner runner = new TaskRunner(Map.of("cursor.data.dir", dir.toString()))) {
            assertThat(runner.drain()).hasSize(10);
            runner.restart();
            assertThat(runner.drain()).as("a restart re-emits nothing").isEmpty();

            // Cursor rewrites each array whole, dropping the oldest entries.
            db.item(ItemTableSource.PROMPTS, prompts("p2", "p1", "p3", "p1"));
            db.item(ItemTableSource.GENERATIONS, generations("g2", "g3"));
            db.item(ItemTableSource.CHAT, chat(T0 + 9_000, "b2", "b3"));
            db.item(ItemTableSource.COMPOSERS, composers("x1", "x2", "x3"));
            List<EpisodicEvent> added = runner.drain();
            assertThat(added).extracting(EpisodicEvent::eventId).containsExactlyInAnyOrder(
                    "cursor-ide:prompt:cursor-ide:ws:f87f6e0b:4", "cursor-ide:prompt:cursor-ide:ws:f87f6e0b:5",
                    "cursor-ide:generation:g3", "cursor-ide:bubble:tab-1:b3", "cursor-ide:bubble:comp-1:x3");
            assertThat(Events.contents(Events.where(added, e -> e.eventType().equals("ai_prompt"))))
                    .containsExactly("p3", "p1");
            Events.assertDenseAndUnique(runner.all());
        }
    }

    @Test
    void textCanBeLeftOutOrCut() throws Exception {
        try (TestDb db = legacyWorkspace()) {
            db.item(ItemTableSource.PROMPTS, prompts("x".repeat(300)));
            try (TaskRunner runner = new TaskRunner(Map.of("cursor.data.dir", dir.toString(),
                    "cursor.max.text.bytes", "100"))) {
                EpisodicEvent prompt = Events.where(runner.drain(), e -> e.eventType().equals("ai_prompt")).get(0);
                assertThat(prompt.content()).hasSize(100);
                assertThat(prompt.attributes()).containsEntry("text_truncated", "true");
            }
            try (TaskRunner runner = new TaskRunner(Map.of("cursor.data.dir", dir.toString(),
                    "cursor.include.text", "false", "name", "no-text"))) {
                List<EpisodicEvent> events = runner.drain();
                assertThat(events).isNotEmpty().allSatisfy(e -> {
                    assertThat(e.content()).isNull();
                    assertThat(e.payload()).isNull();
                });
            }
        }
    }

    @Test
    void firstSyncWindowSkipsOlderActivity() throws Exception {
        try (TestDb db = legacyWorkspace()) {
            long now = System.currentTimeMillis();
            db.item(ItemTableSource.GENERATIONS, "[{\"unixMs\":" + T0 + ",\"generationUUID\":\"old\"},{\"unixMs\":"
                    + (now - 60_000) + ",\"generationUUID\":\"recent\"}]");
            try (TaskRunner runner = new TaskRunner(Map.of("cursor.data.dir", dir.toString(),
                    "cursor.sync.window.hours", "24"))) {
                List<EpisodicEvent> events = runner.drain();
                // Composer and chat tab are from 2024: outside the window. The database changed just now, so
                // the undated prompts count as recent.
                assertThat(Events.countByType(events)).containsEntry("ai_generation", 1L)
                        .containsEntry("ai_prompt", 3L).doesNotContainKeys("ai_message", "composer_created");
                assertThat(Events.where(events, e -> e.eventType().equals("ai_generation")).get(0).eventId())
                        .isEqualTo("cursor-ide:generation:recent");
            }
        }
    }
}
