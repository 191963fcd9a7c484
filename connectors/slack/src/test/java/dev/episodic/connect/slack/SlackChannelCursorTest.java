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
        state.track(SlackTs.parse("1700000000.000200"), new Tracked(SlackTs.parse("1700000010.000000"), false, reactions));
        state.track(SlackTs.parse("1700000000.000150"), Tracked.of(null).asDeleted());
        SlackChannelCursor cursor = state.toCursor();

        Map<String, Object> offset = cursor.toOffset();
        assertThat(offset).containsEntry("v", 1).containsEntry("seq", 2L).containsEntry("ts", "1700000000.000200");
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
                state.recordReply(ts, new SlackTs(start + i + 60, 1));
            }
        }
        SlackChannelCursor cursor = state.toCursor();
        int bytes = cursor.toOffset().values().stream().mapToInt(v -> v.toString().getBytes(StandardCharsets.UTF_8).length).sum();
        assertThat(bytes).isLessThan(512 * 1024);
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
        state.recordReply(SlackTs.parse("100.000000"), SlackTs.parse("150.000000"));
        state.recordReply(SlackTs.parse("300.000000"), SlackTs.parse("310.000000"));
        state.recordReply(SlackTs.parse("50.000000"), SlackTs.parse("290.000000"));
        state.prune(SlackTs.parse("200.000000"), SlackTs.parse("250.000000"));
        assertThat(state.window()).containsOnlyKeys(SlackTs.parse("300.000000"));
        assertThat(state.threads()).containsOnlyKeys(SlackTs.parse("300.000000"), SlackTs.parse("50.000000"));
    }
}
