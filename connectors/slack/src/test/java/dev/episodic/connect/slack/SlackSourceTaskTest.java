package dev.episodic.connect.slack;

import static org.assertj.core.api.Assertions.assertThat;

import dev.episodic.connect.common.event.EpisodicEvent;
import dev.episodic.connect.common.testkit.slack.FakeSlack;
import dev.episodic.connect.common.testkit.slack.FakeSlack.Fault;
import dev.episodic.connect.common.testkit.slack.FakeTs;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The task against the stateful fake Slack: what each kind of activity turns into, and when. */
class SlackSourceTaskTest extends FakeSlackTaskTest {
    static List<String> types(final List<EpisodicEvent> events) {
        return events.stream().map(EpisodicEvent::eventType).collect(Collectors.toList());
    }

    static void assertDense(final List<EpisodicEvent> events) {
        events.stream().collect(Collectors.groupingBy(EpisodicEvent::stream)).forEach((stream, list) -> {
            for (int i = 0; i < list.size(); i++) {
                assertThat(list.get(i).sequence()).as(stream + " event " + i).isEqualTo(i + 1L);
            }
        });
        assertThat(events.stream().map(EpisodicEvent::eventId).distinct().count()).isEqualTo(events.size());
    }

    @Test
    void fullSyncEmitsMessagesThreadRepliesAndReactionsInOrder() throws Exception {
        recent();
        FakeTs m1 = slack.post("C1", "U1", "hello");
        FakeTs m2 = slack.post("C1", "U2", "a question");
        slack.reply("C1", m2, "U1", "an answer");
        slack.reply("C1", m2, "U3", "another");
        FakeTs m3 = slack.post("C1", "U3", "done");
        slack.react("C1", m3, "tada", "U2");
        try (TaskHarness task = new TaskHarness(slack, List.of(GENERAL)).start()) {
            List<EpisodicEvent> events = task.drain(20);
            assertThat(types(events)).containsExactly("message_posted", "message_posted", "thread_reply_posted",
                    "thread_reply_posted", "message_posted", "reaction_added");
            assertDense(events);
            EpisodicEvent first = events.get(0);
            assertThat(first.eventId()).isEqualTo("slack:C1:" + m1);
            assertThat(first.occurredAt()).isEqualTo(Instant.ofEpochMilli(m1.toInstant().toEpochMilli()));
            assertThat(first.actor()).isEqualTo("Ada");
            assertThat(first.content()).isEqualTo("hello");
            assertThat(first.stream()).isEqualTo("slack:C1");
            assertThat(first.attributes()).containsEntry("channel_id", "C1").containsEntry("channel_name", "general")
                    .containsEntry("user_id", "U1").containsEntry("user_name", "Ada").containsEntry("ts", m1.toString());
            assertThat(events.get(2).sessionId()).isEqualTo(m2.toString());
            assertThat(events.get(2).attributes()).containsEntry("thread_ts", m2.toString());
            assertThat(events.get(5).attributes()).containsEntry("reaction", "tada").containsEntry("user_name", "Grace");
            // Users are looked up once each, not per message.
            assertThat(slack.calls("users.info")).isEqualTo(3);
        }
    }

    @Test
    void aReplyToAnOlderThreadCostsOneRepliesCallAndAnIdleRoundOneHistoryCall() throws Exception {
        recent();
        FakeTs parent = slack.post("C1", "U1", "thread");
        slack.reply("C1", parent, "U2", "first");
        for (int i = 0; i < 5; i++) {
            slack.post("C1", "U1", "chatter " + i);
        }
        try (TaskHarness task = new TaskHarness(slack, List.of(GENERAL)).start()) {
            assertThat(task.drain(20)).hasSize(7);
            long replies = slack.calls("conversations.replies");
            FakeTs late = slack.reply("C1", parent, "U3", "late reply");
            List<EpisodicEvent> more = task.drain(20);
            assertThat(types(more)).containsExactly("thread_reply_posted");
            assertThat(more.get(0).eventId()).isEqualTo("slack:C1:" + late);
            assertThat(more.get(0).sequence()).isEqualTo(8);
            assertThat(slack.calls("conversations.replies") - replies).isEqualTo(1);

            long before = slack.totalCalls();
            long historyBefore = slack.calls("conversations.history");
            Thread.sleep(150);
            assertThat(task.pollOnce()).isEmpty();
            assertThat(slack.calls("conversations.history") - historyBefore).isLessThanOrEqualTo(1);
            assertThat(slack.totalCalls() - before).isLessThanOrEqualTo(1);
        }
    }

    @Test
    void aWatchedThreadOlderThanTheEditsWindowIsCheckedOncePerRefreshInterval() throws Exception {
        FakeTs oldParent = slack.post("C1", "U1", "three days old");
        slack.reply("C1", oldParent, "U2", "old reply");
        FakeTs quietParent = slack.post("C1", "U1", "never replied again");
        slack.reply("C1", quietParent, "U2", "only reply");
        slack.post("C1", "U1", "the newest message, so both threads lie before the watermark");
        // Rounds every 100 ms would spend the default 50 history calls a minute in 5 s; this test needs rounds.
        // Old threads are asked by the edits-window passes, here one after the other.
        try (TaskHarness task = new TaskHarness(slack, List.of(GENERAL))
                .set(SlackConfig.CHANNELS_REFRESH_MS, "10000").set(SlackConfig.EDITS_INTERVAL_MS, "0")
                .set(SlackConfig.REQUESTS_PER_MINUTE, "2000").start()) {
            assertThat(task.drain(20)).hasSize(5);
            long replies = slack.calls("conversations.replies");
            FakeTs late = slack.reply("C1", oldParent, "U3", "late reply to an old thread");
            // Within the interval nothing asks the old threads.
            assertThat(task.drain(5)).isEmpty();
            assertThat(slack.calls("conversations.replies")).isEqualTo(replies);
            slack.purgeThread("C1", quietParent);
            List<EpisodicEvent> got = task.drainUntil(1, Duration.ofSeconds(20));
            assertThat(got).extracting(EpisodicEvent::eventId).containsExactly("slack:C1:" + late);
            // The pass asks the other due thread on its next step (a round later).
            assertThat(task.drain(5)).isEmpty();
            // One call per watched thread; the deleted parent's thread_not_found is not a failure.
            assertThat(slack.calls("conversations.replies") - replies).isEqualTo(2);
        }
    }

    @Test
    void editsAndDeletesInsideTheWindowAreCaughtAndOutsideAreNot() throws Exception {
        FakeTs old = slack.post("C1", "U1", "old");
        FakeTs oldGone = slack.post("C1", "U1", "old, later deleted");
        recent();
        FakeTs fresh = slack.post("C1", "U2", "fresh");
        FakeTs doomed = slack.post("C1", "U2", "doomed");
        try (TaskHarness task = new TaskHarness(slack, List.of(GENERAL)).start()) {
            assertThat(task.drain(20)).hasSize(4);
            slack.edit("C1", old, "old, edited");
            slack.delete("C1", oldGone);
            slack.edit("C1", fresh, "fresh, edited");
            slack.delete("C1", doomed);
            List<EpisodicEvent> changes = task.drain(20);
            assertThat(types(changes)).containsExactly("message_edited", "message_deleted");
            EpisodicEvent edit = changes.get(0);
            assertThat(edit.content()).isEqualTo("fresh, edited");
            assertThat(edit.attributes()).containsKey("edit_ts");
            assertThat(edit.eventId()).isEqualTo("slack:C1:" + fresh + ":edited:" + edit.attributes().get("edit_ts"));
            assertThat(edit.occurredAt().toEpochMilli())
                    .isEqualTo(SlackTs.parse(edit.attributes().get("edit_ts")).toInstant().toEpochMilli());
            assertThat(changes.get(1).eventId()).isEqualTo("slack:C1:" + doomed + ":deleted");
            // Nothing is reported twice on the next rounds.
            assertThat(task.drain(6)).isEmpty();
        }
    }

    @Test
    void editsWindowZeroTurnsChangeTrackingOff() throws Exception {
        recent();
        FakeTs fresh = slack.post("C1", "U2", "fresh");
        try (TaskHarness task = new TaskHarness(slack, List.of(GENERAL)).set(SlackConfig.EDITS_WINDOW, "0").start()) {
            assertThat(task.drain(20)).hasSize(1);
            slack.edit("C1", fresh, "changed");
            slack.react("C1", fresh, "eyes", "U1");
            assertThat(task.drain(6)).isEmpty();
            assertThat(task.committed().values()).allSatisfy(o -> assertThat(o.get("window")).isEqualTo(""));
        }
    }

    @Test
    void reactionsAddedAndRemoved() throws Exception {
        recent();
        FakeTs m = slack.post("C1", "U1", "vote");
        try (TaskHarness task = new TaskHarness(slack, List.of(GENERAL)).start()) {
            task.drain(20);
            slack.react("C1", m, "eyes", "U2");
            slack.react("C1", m, "eyes", "U3");
            List<EpisodicEvent> added = task.drain(20);
            assertThat(types(added)).containsExactly("reaction_added", "reaction_added");
            assertThat(added.get(0).eventId()).isEqualTo("slack:C1:" + m + ":reaction_added:eyes:U2");
            slack.unreact("C1", m, "eyes", "U2");
            List<EpisodicEvent> removed = task.drain(20);
            assertThat(types(removed)).containsExactly("reaction_removed");
            assertThat(removed.get(0).attributes()).containsEntry("reaction", "eyes").containsEntry("user_id", "U2");
            assertDense(task.events());
        }
    }

    @Test
    void restartsBetweenPagesAndMidBatchNeitherRepeatNorSkip() throws Exception {
        FakeTs oldParent = slack.post("C1", "U1", "old thread");
        slack.reply("C1", oldParent, "U2", "old reply");
        recent();
        int expected = 2;
        for (int i = 0; i < 25; i++) {
            FakeTs m = slack.post("C1", "U" + (1 + i % 3), "message " + i);
            expected++;
            if (i % 5 == 0) {
                slack.reply("C1", m, "U2", "reply " + i);
                expected++;
            }
            if (i % 7 == 0) {
                slack.react("C1", m, "ok", "U3");
                expected++;
            }
        }
        TaskHarness task = new TaskHarness(slack, List.of(GENERAL)).set(SlackConfig.PAGE_SIZE, "4")
                .set("batch.max.events", "3").start();
        try {
            for (int round = 0; round < 40 && task.events().size() < expected; round++) {
                task.pollOnce();
                task.restart();
            }
            task.drain(10);
            assertThat(task.events()).hasSize(expected);
            assertDense(task.events());
        } finally {
            task.close();
        }
    }

    @Test
    void twoMessagesInTheSameSecondAreOrderedExactly() throws Exception {
        long second = Instant.now().minus(Duration.ofHours(2)).getEpochSecond();
        FakeTs a = slack.postAt("C1", new FakeTs(second, 1), "U1", "a");
        FakeTs b = slack.postAt("C1", new FakeTs(second, 2), "U1", "b");
        try (TaskHarness task = new TaskHarness(slack, List.of(GENERAL)).start()) {
            assertThat(task.drain(10)).extracting(EpisodicEvent::eventId)
                    .containsExactly("slack:C1:" + a, "slack:C1:" + b);
            assertThat(task.committed().values().iterator().next().get("ts")).isEqualTo(b.toString());
            FakeTs c = slack.postAt("C1", new FakeTs(second, 3), "U1", "c");
            task.restart();
            assertThat(task.drain(10)).extracting(EpisodicEvent::eventId).containsExactly("slack:C1:" + c);
        }
    }

    @Test
    void notInChannelStopsOnlyThatChannel() throws Exception {
        slack.channel("C2", "secret");
        slack.channel("C3", "random");
        recent();
        slack.post("C1", "U1", "one");
        slack.post("C2", "U1", "two");
        slack.post("C3", "U1", "three");
        slack.channel("C2", "secret").kickApp();
        List<Channel> three = List.of(GENERAL, new Channel("C2", "secret"), new Channel("C3", "random"));
        try (TaskHarness task = new TaskHarness(slack, three).start()) {
            assertThat(task.drain(20)).extracting(EpisodicEvent::stream).containsExactlyInAnyOrder("slack:C1", "slack:C3");
            slack.post("C1", "U1", "still flowing");
            slack.post("C3", "U1", "here too");
            assertThat(task.drain(20)).hasSize(2);
            long c2Reads = slack.calls("conversations.history");
            task.drain(5);
            // The failed channel is not asked again; the two others are, once per round.
            assertThat(slack.calls("conversations.history") - c2Reads).isLessThanOrEqualTo(2L * 5);
        }
    }

    @Test
    void rateLimitsAndServerErrorsDelayButLoseNothing() throws Exception {
        recent();
        for (int i = 0; i < 6; i++) {
            slack.post("C1", "U1", "m" + i);
        }
        slack.retryAfterSeconds(1);
        slack.failNext("conversations.history", Fault.HTTP_429);
        slack.failNext("conversations.history", Fault.HTTP_500);
        slack.failNext("conversations.history", Fault.MALFORMED);
        slack.failNext("conversations.history", Fault.RATELIMITED);
        try (TaskHarness task = new TaskHarness(slack, List.of(GENERAL)).set(SlackConfig.PAGE_SIZE, "2").start()) {
            long startedAt = System.nanoTime();
            assertThat(task.pollOnce()).isEmpty();
            List<EpisodicEvent> events = task.drainUntil(6, Duration.ofSeconds(40));
            assertThat(Duration.ofNanos(System.nanoTime() - startedAt)).isGreaterThanOrEqualTo(Duration.ofSeconds(1));
            assertThat(events).hasSize(6);
            assertDense(events);
        }
    }

    @Test
    void aSmallRequestBudgetPacesTheChannelInsteadOfFailing() throws Exception {
        recent();
        for (int i = 0; i < 5; i++) {
            slack.post("C1", "U1", "m" + i);
        }
        try (TaskHarness task = new TaskHarness(slack, List.of(GENERAL)).set(SlackConfig.PAGE_SIZE, "2")
                .set(SlackConfig.REQUESTS_PER_MINUTE, "2").start()) {
            assertThat(task.drain(6)).isEmpty();
            assertThat(slack.calls("conversations.history")).isEqualTo(2);
        }
    }
}
