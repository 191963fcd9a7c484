package dev.episodic.connect.slack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.episodic.connect.common.cursor.CursorFormatException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class SlackChannelCursorTest {
    @Test
    void roundTripsThroughTheOffsetWithThreadsAndWindow() {
        ChannelState state = ChannelState.fromCursor(SlackChannelCursor.empty());
        state.nextSeq();
        state.nextSeq();
        state.watermark(SlackTs.parse("1700000000.000200"));
        state.recordReply(SlackTs.parse("1700000000.000100"), SlackTs.parse("1700000050.000001"));
        TreeSet<String> reactions = new TreeSet<>();
        reactions.add("thumbsup::skin-tone-2/U1");
        reactions.add("a,b;c d/U2");
        state.track(SlackTs.parse("1700000000.000200"),
                new Tracked(SlackTs.parse("1700000010.000000"), false, reactions, null));
        state.track(SlackTs.parse("1700000000.000150"), Tracked.of(null).asDeleted());
        state.track(SlackTs.parse("1700000050.000001"), Tracked.reply(SlackTs.parse("1700000000.000100"), null)
                .withReaction("eyes/U3", true));
        state.rescan(SlackTs.parse("1700000000.000180"));
        SlackChannelCursor cursor = state.toCursor();

        Map<String, Object> offset = cursor.toOffset();
        assertThat(offset).containsEntry("v", 2).containsEntry("seq", 2L).containsEntry("ts", "1700000000.000200")
                .containsEntry("rescan", "1700000000.000180");
        assertThat(offset.values()).allSatisfy(v -> assertThat(v).isInstanceOfAny(String.class, Number.class));
        // A JSON round trip may hand numbers back as Integer.
        Map<String, Object> stored = new HashMap<>(offset);
        stored.put("seq", 2);
        SlackChannelCursor back = SlackChannelCursor.CODEC.decode(stored);
        assertThat(back).isEqualTo(cursor);
        ChannelState again = ChannelState.fromCursor(back);
        assertThat(again.tracked(SlackTs.parse("1700000000.000200")).orElseThrow().reactions()).isEqualTo(reactions);
        assertThat(again.tracked(SlackTs.parse("1700000000.000150")).orElseThrow().deleted()).isTrue();
        assertThat(again.lastReply(SlackTs.parse("1700000000.000100"))).contains(SlackTs.parse("1700000050.000001"));
        Tracked reply = again.tracked(SlackTs.parse("1700000050.000001")).orElseThrow();
        assertThat(reply.parent()).isEqualTo(SlackTs.parse("1700000000.000100"));
        assertThat(reply.reactions()).containsExactly("eyes/U3");
        assertThat(again.trackedReplies(SlackTs.parse("1700000000.000100"))).containsOnlyKeys(
                SlackTs.parse("1700000050.000001"));
        assertThat(again.rescan()).contains(SlackTs.parse("1700000000.000180"));
    }

    @Test
    void aVersionOneOffsetIsReadAsVersionTwo() {
        Map<String, Object> v1 = new HashMap<>();
        v1.put("v", 1);
        v1.put("seq", 5);
        v1.put("ts", "1700000000.000200");
        v1.put("threads", "1700000000.000100>1700000050.000001");
        v1.put("window", "1700000000.000200;-;-;eyes%2FU1");
        SlackChannelCursor cursor = SlackChannelCursor.CODEC.decode(v1);
        assertThat(cursor.seq()).isEqualTo(5);
        assertThat(cursor.rescan()).isNull();
        ChannelState state = ChannelState.fromCursor(cursor);
        assertThat(state.tracked(SlackTs.parse("1700000000.000200")).orElseThrow().parent()).isNull();
        assertThat(cursor.toOffset()).containsEntry("v", 2).doesNotContainKey("rescan");
    }

    @Test
    void joinedEntriesStayEqualToAFullJoinUnderAppendsReplacementsAndRemovals() {
        JoinedEntries entries = new JoinedEntries();
        java.util.TreeMap<SlackTs, String> plain = new java.util.TreeMap<>();
        java.util.Random random = new java.util.Random(7);
        for (int i = 0; i < 5_000; i++) {
            SlackTs ts = new SlackTs(100 + random.nextInt(400), 0);
            int op = random.nextInt(10);
            if (op < 6) {
                String text = ts + ";" + i;
                entries.put(ts, text);
                plain.put(ts, text);
            } else if (op < 8 && !plain.isEmpty()) {
                entries.remove(plain.firstKey());
                plain.remove(plain.firstKey());
            } else {
                entries.remove(ts);
                plain.remove(ts);
            }
            if (i % 7 == 0) {
                String expected = String.join(",", plain.values());
                assertThat(entries.joined()).isEqualTo(expected);
                assertThat(entries.chars()).isEqualTo(expected.length());
            }
        }
    }

    @Test
    void aNewStreamHasNoWatermark() {
        Map<String, Object> offset = SlackChannelCursor.empty().toOffset();
        assertThat(offset).doesNotContainKey("ts");
        assertThat(SlackChannelCursor.CODEC.decode(offset)).isEqualTo(SlackChannelCursor.empty());
    }

    @Test
    void malformedOffsetsAreRefusedNamingTheField() {
        Map<String, Object> bad = new HashMap<>(SlackChannelCursor.empty().toOffset());
        bad.put("ts", "yesterday");
        assertThatThrownBy(() -> SlackChannelCursor.CODEC.decode(bad)).isInstanceOf(CursorFormatException.class)
                .hasMessageContaining("yesterday");
        Map<String, Object> badWindow = new HashMap<>(SlackChannelCursor.empty().toOffset());
        badWindow.put("window", "1.000000;x");
        assertThatThrownBy(() -> SlackChannelCursor.CODEC.decode(badWindow)).isInstanceOf(CursorFormatException.class)
                .hasMessageContaining("window");
        Map<String, Object> future = new HashMap<>(SlackChannelCursor.empty().toOffset());
        future.put("v", 7);
        assertThatThrownBy(() -> SlackChannelCursor.CODEC.decode(future)).hasMessageContaining("version 7");
        assertThat(SlackChannelCursor.CODEC.read("slack:C1", Map.of("v", 1, "seq", "x"))).isEmpty();
    }

    @Test
    void aChannelWithFiftyThousandMessagesADayKeepsTheOffsetUnder512KiB() {
        ChannelState state = ChannelState.fromCursor(SlackChannelCursor.empty());
        long start = 1_700_000_000L;
        for (int i = 0; i < 50_000; i++) {
            SlackTs ts = new SlackTs(start + i, i % 1_000_000);
            state.watermark(ts);
            Tracked t = Tracked.of(i % 3 == 0 ? new SlackTs(start + i + 5, 0) : null);
            if (i % 4 == 0) {
                t = t.withReaction("white_check_mark/U0" + (i % 97), true).withReaction("eyes/U1" + (i % 13), true);
            }
            state.track(ts, t);
            if (i % 20 == 0) {
                // A thread every 20 messages, with two replies inside the window that carry a reaction.
                SlackTs first = new SlackTs(start + i + 30, 7);
                SlackTs second = new SlackTs(start + i + 60, 1);
                state.track(first, Tracked.reply(ts, null).withReaction("+1/U0" + (i % 89), true));
                state.track(second, Tracked.reply(ts, new SlackTs(start + i + 61, 0)));
                state.recordReply(ts, second);
            }
            state.rescan(ts);
        }
        SlackChannelCursor cursor = state.toCursor();
        Map<String, Object> offset = cursor.toOffset();
        assertThat(offset).containsKeys("ts", "threads", "window", "rescan");
        for (Map.Entry<String, Object> field : offset.entrySet()) {
            assertThat(field.getValue().toString().getBytes(StandardCharsets.UTF_8).length).as(field.getKey())
                    .isLessThan(512 * 1024);
        }
        int bytes = offset.values().stream().mapToInt(v -> v.toString().getBytes(StandardCharsets.UTF_8).length).sum();
        assertThat(bytes).isLessThan(512 * 1024);
        // And it reads back.
        assertThat(SlackChannelCursor.CODEC.decode(offset)).isEqualTo(cursor);
        // The newest messages stay tracked; the oldest made room.
        assertThat(state.tracked(new SlackTs(start + 49_999, 49_999))).isPresent();
        assertThat(state.tracked(new SlackTs(start, 0))).isEmpty();
        // Threads are capped too: the ones replied to last are kept.
        assertThat(state.threads().size()).isBetween(1_500, 2_500);
        assertThat(state.lastReply(new SlackTs(start + 49_980, 49_980))).isPresent();
    }

    @Test
    void pruningDropsWhatLeftTheWindowButKeepsThreadsWhoseParentIsStillInIt() {
        ChannelState state = ChannelState.fromCursor(SlackChannelCursor.empty());
        state.track(SlackTs.parse("100.000000"), Tracked.of(null));
        state.track(SlackTs.parse("300.000000"), Tracked.of(null));
        state.track(SlackTs.parse("120.000000"), Tracked.reply(SlackTs.parse("100.000000"), null));
        state.track(SlackTs.parse("305.000000"), Tracked.reply(SlackTs.parse("300.000000"), null));
        state.recordReply(SlackTs.parse("100.000000"), SlackTs.parse("150.000000"));
        state.recordReply(SlackTs.parse("300.000000"), SlackTs.parse("310.000000"));
        state.recordReply(SlackTs.parse("50.000000"), SlackTs.parse("290.000000"));
        state.prune(SlackTs.parse("200.000000"), SlackTs.parse("250.000000"));
        assertThat(state.window()).containsOnlyKeys(SlackTs.parse("300.000000"), SlackTs.parse("305.000000"));
        assertThat(state.threads()).containsOnlyKeys(SlackTs.parse("300.000000"), SlackTs.parse("50.000000"));
    }
}
