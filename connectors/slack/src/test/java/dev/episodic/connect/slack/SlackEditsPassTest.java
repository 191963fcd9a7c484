package dev.episodic.connect.slack;

import static dev.episodic.connect.slack.SlackSourceTaskTest.assertDense;
import static dev.episodic.connect.slack.SlackSourceTaskTest.types;
import static org.assertj.core.api.Assertions.assertThat;

import dev.episodic.connect.common.event.EpisodicEvent;
import dev.episodic.connect.common.testkit.slack.FakeTs;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The edits-window pass: what lies below the newest history page, and the replies of threads active within the
 * window, are re-read one step per round, taking turns with the head rounds, resumable through the cursor.
 */
class SlackEditsPassTest extends FakeSlackTaskTest {
    private TaskHarness passesBackToBack() {
        return new TaskHarness(slack, List.of(GENERAL)).set(SlackConfig.EDITS_INTERVAL_MS, "0")
                .set(SlackConfig.REQUESTS_PER_MINUTE, "5000");
    }

    private long repliesCallsFor(final FakeTs parent) {
        return slack.requests("conversations.replies").stream().filter(p -> parent.toString().equals(p.get("ts")))
                .count();
    }

    @Test
    void repliesEditedDeletedAndReactedToInsideTheWindowAreCaughtAndOutsideAreNot() throws Exception {
        FakeTs oldParent = slack.post("C1", "U1", "old thread");
        FakeTs oldReply = slack.reply("C1", oldParent, "U2", "old reply");
        recent();
        FakeTs parent = slack.post("C1", "U1", "thread");
        FakeTs r1 = slack.reply("C1", parent, "U2", "one");
        FakeTs r2 = slack.reply("C1", parent, "U3", "two");
        FakeTs r3 = slack.reply("C1", parent, "U2", "three");
        try (TaskHarness task = passesBackToBack().start()) {
            assertThat(task.drain(20)).hasSize(6);
            long oldThreadReads = repliesCallsFor(oldParent);
            FakeTs editTs = slack.edit("C1", r1, "one, edited");
            slack.delete("C1", r2);
            slack.react("C1", r3, "eyes", "U3");
            slack.edit("C1", oldReply, "old reply, edited three days later");

            List<EpisodicEvent> changes = task.drain(20);
            assertThat(types(changes)).containsExactly("message_edited", "reaction_added", "message_deleted");
            EpisodicEvent edit = changes.get(0);
            assertThat(edit.eventId()).isEqualTo("slack:C1:" + r1 + ":edited:" + editTs);
            assertThat(edit.content()).isEqualTo("one, edited");
            assertThat(edit.sessionId()).isEqualTo(parent.toString());
            assertThat(edit.attributes()).containsEntry("thread_ts", parent.toString())
                    .containsEntry("edit_ts", editTs.toString());
            assertThat(changes.get(1).eventId()).isEqualTo("slack:C1:" + r3 + ":reaction_added:eyes:U3");
            assertThat(changes.get(1).sessionId()).isEqualTo(parent.toString());
            EpisodicEvent deleted = changes.get(2);
            assertThat(deleted.eventId()).isEqualTo("slack:C1:" + r2 + ":deleted");
            assertThat(deleted.sessionId()).isEqualTo(parent.toString());
            assertThat(deleted.attributes()).containsEntry("thread_ts", parent.toString()).containsEntry("ts", r2.toString());

            slack.unreact("C1", r3, "eyes", "U3");
            List<EpisodicEvent> removed = task.drain(20);
            assertThat(removed).extracting(EpisodicEvent::eventId)
                    .containsExactly("slack:C1:" + r3 + ":reaction_removed:eyes:U3");
            // Nothing twice; the thread that had no reply within the window was never re-read for changes.
            assertThat(task.drain(6)).isEmpty();
            assertThat(repliesCallsFor(oldParent)).isEqualTo(oldThreadReads);
            assertDense(task.events());
        }
    }

    @Test
    void aNewReplyInsideTheWindowIsTrackedForItsLaterEdits() throws Exception {
        recent();
        FakeTs parent = slack.post("C1", "U1", "thread");
        slack.reply("C1", parent, "U2", "first");
        for (int i = 0; i < 6; i++) {
            slack.post("C1", "U1", "chatter " + i);
        }
        // Pages of 2: the parent lies below the newest page, so only a pass sees its thread again.
        try (TaskHarness task = passesBackToBack().set(SlackConfig.PAGE_SIZE, "2").start()) {
            assertThat(task.drain(20)).hasSize(8);
            FakeTs late = slack.reply("C1", parent, "U3", "late");
            slack.react("C1", late, "tada", "U1");
            List<EpisodicEvent> got = task.drainUntil(2, Duration.ofSeconds(20));
            assertThat(got).extracting(EpisodicEvent::eventId).containsExactly("slack:C1:" + late,
                    "slack:C1:" + late + ":reaction_added:tada:U1");
            FakeTs editTs = slack.edit("C1", late, "late, edited");
            assertThat(task.drainUntil(1, Duration.ofSeconds(20))).extracting(EpisodicEvent::eventId)
                    .containsExactly("slack:C1:" + late + ":edited:" + editTs);
            assertDense(task.events());
        }
    }

    @Test
    void aPassReadsBelowTheNewestPageOneCallPerRoundAndResumesWhereItStoodAfterARestart() throws Exception {
        recent();
        List<FakeTs> m = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            m.add(slack.post("C1", "U1", "message " + i));
        }
        TaskHarness task = passesBackToBack().set(SlackConfig.PAGE_SIZE, "3").start();
        try {
            assertThat(task.drain(40)).hasSize(30);

            // Idle: every round, head or pass step, costs one call.
            task.pollOnce();
            long rounds = task.task().rounds();
            long calls = slack.totalCalls();
            long steps = task.task().passSteps();
            assertThat(task.pollFor(Duration.ofSeconds(2))).isEmpty();
            long idleRounds = task.task().rounds() - rounds;
            assertThat(idleRounds).isGreaterThanOrEqualTo(8);
            assertThat(slack.totalCalls() - calls).isLessThanOrEqualTo(idleRounds);
            assertThat(task.task().passSteps() - steps).isGreaterThanOrEqualTo(3);

            // Two edits far below the newest page, made just as a pass ended (the next one starts at the top): the
            // upper one comes first, and its offset says where the pass stood.
            long passes = task.task().passes();
            for (int i = 0; i < 200 && task.task().passes() == passes; i++) {
                assertThat(task.pollOnce()).isEmpty();
            }
            assertThat(task.task().passes()).isGreaterThan(passes);
            slack.edit("C1", m.get(20), "twenty, edited");
            slack.edit("C1", m.get(2), "two, edited");
            List<EpisodicEvent> first = task.drainUntil(1, Duration.ofSeconds(20));
            assertThat(first).extracting(EpisodicEvent::eventId).singleElement().asString()
                    .startsWith("slack:C1:" + m.get(20) + ":edited:");
            Map<String, Object> offset = task.committed().values().iterator().next();
            assertThat(offset.get("rescan")).isNotNull();
            String rescan = (String) offset.get("rescan");
            assertThat(SlackTs.parse(rescan)).isGreaterThan(SlackTs.parse(m.get(20).toString()));

            int before = slack.requests("conversations.history").size();
            task.restart();
            List<EpisodicEvent> second = task.drainUntil(1, Duration.ofSeconds(20));
            assertThat(second).extracting(EpisodicEvent::eventId).singleElement().asString()
                    .startsWith("slack:C1:" + m.get(2) + ":edited:");
            List<Map<String, String>> after = slack.requests("conversations.history");
            Map<String, String> firstPassPage = after.subList(before, after.size()).stream()
                    .filter(p -> p.containsKey("latest")).findFirst().orElseThrow();
            // The restarted task went on from the stored position instead of starting the pass again at the top.
            assertThat(firstPassPage.get("latest")).isEqualTo(rescan);
            assertThat(task.drain(6)).isEmpty();
            assertDense(task.events());
        } finally {
            task.close();
        }
    }

    @Test
    void withTheDefaultIntervalNoPassRunsAndAnIdleRoundIsOneHistoryCall() throws Exception {
        recent();
        FakeTs parent = slack.post("C1", "U1", "thread");
        slack.reply("C1", parent, "U2", "reply");
        for (int i = 0; i < 10; i++) {
            slack.post("C1", "U1", "m" + i);
        }
        try (TaskHarness task = new TaskHarness(slack, List.of(GENERAL)).set(SlackConfig.PAGE_SIZE, "3")
                .set(SlackConfig.REQUESTS_PER_MINUTE, "5000").start()) {
            assertThat(task.drain(20)).hasSize(12);
            task.pollOnce();
            long rounds = task.task().rounds();
            long history = slack.calls("conversations.history");
            long replies = slack.calls("conversations.replies");
            assertThat(task.pollFor(Duration.ofSeconds(1))).isEmpty();
            long idleRounds = task.task().rounds() - rounds;
            assertThat(idleRounds).isPositive();
            assertThat(slack.calls("conversations.history") - history).isEqualTo(idleRounds);
            assertThat(slack.calls("conversations.replies")).isEqualTo(replies);
            assertThat(task.task().passes()).isZero();
        }
    }
}
