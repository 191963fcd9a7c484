package dev.episodic.connect.cursoride;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.episodic.connect.common.cursor.CursorFormatException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WorkspaceCursorTest {

    @Test
    void roundTripsThroughItsOffsetWithOnlyPrimitiveValues() {
        WorkspaceCursor cursor = WorkspaceCursor.initial(1_000)
                .withMark("composer:c1", GroupMark.start(5_000, "").handled(0, "created").handled(1, "b1")
                        .completed("h1.2.k-.b-", 5_000))
                .withMark("prompts", GroupMark.start(6_000, "").handled(0, "p"))
                .withSeq(3);
        Map<String, Object> offset = cursor.toOffset();
        assertThat(offset.values()).allSatisfy(v -> assertThat(v).isInstanceOfAny(String.class, Long.class, Integer.class));
        // The offset store may hand numbers back as Integer; decode must not care.
        Map<String, Object> stored = new HashMap<>(offset);
        stored.put("seq", 3);
        assertThat(WorkspaceCursor.CODEC.decode(stored)).isEqualTo(cursor);
        assertThat(cursor.mark("composer:c1").orElseThrow().complete()).isTrue();
        assertThat(cursor.mark("prompts").orElseThrow().complete()).isFalse();
    }

    @Test
    void keepsAtMostMaxMarksAndMovesTheHorizonOverDroppedGroups() {
        WorkspaceCursor cursor = WorkspaceCursor.initial(Long.MIN_VALUE);
        for (int i = 0; i < WorkspaceCursor.MAX_MARKS + 50; i++) {
            String key = String.format("composer:%04d", i);
            cursor = cursor.withMark(key, GroupMark.start(10_000 + i, "").handled(0, "created").completed("f" + i, 10_000 + i));
        }
        assertThat(cursor.marks()).hasSize(WorkspaceCursor.MAX_MARKS);
        assertThat(cursor.horizonTime()).isEqualTo(10_049);
        assertThat(cursor.belowHorizon(10_049, "composer:0049")).isTrue();
        assertThat(cursor.belowHorizon(10_050, "composer:0050")).isFalse();
        assertThat(cursor.mark("composer:0050")).isPresent();
        assertThat(WorkspaceCursor.CODEC.decode(cursor.toOffset())).isEqualTo(cursor);
    }

    @Test
    void anIncompleteGroupIsNeverDropped() {
        WorkspaceCursor cursor = WorkspaceCursor.initial(0).withMark("composer:busy", GroupMark.start(1, "").handled(0, "x"));
        for (int i = 0; i < WorkspaceCursor.MAX_MARKS + 5; i++) {
            cursor = cursor.withMark("g" + i, GroupMark.start(100 + i, "").completed("f", 100 + i));
        }
        assertThat(cursor.mark("composer:busy")).isPresent();
    }

    @Test
    void malformedOffsetsAreRefusedNamingTheField() {
        Map<String, Object> offset = new HashMap<>(WorkspaceCursor.initial(0).toOffset());
        offset.put("horizon", "yesterday");
        assertThatThrownBy(() -> WorkspaceCursor.CODEC.decode(offset)).isInstanceOf(CursorFormatException.class)
                .hasMessageContaining("horizon");
        Map<String, Object> badMark = new HashMap<>(WorkspaceCursor.initial(0).toOffset());
        badMark.put("g:prompts", "1|2");
        assertThatThrownBy(() -> WorkspaceCursor.CODEC.decode(badMark)).hasMessageContaining("g:prompts");
        Map<String, Object> aboveHorizon = new HashMap<>(WorkspaceCursor.initial(0).toOffset());
        aboveHorizon.put("settled", 5L);
        assertThatThrownBy(() -> WorkspaceCursor.CODEC.decode(aboveHorizon)).hasMessageContaining("settled");
        Map<String, Object> future = new HashMap<>(WorkspaceCursor.initial(0).toOffset());
        future.put("v", 9);
        assertThatThrownBy(() -> WorkspaceCursor.CODEC.decode(future)).hasMessageContaining("version 9");
    }

    @Test
    void groupMarkFindsWhereItStoppedInARewrittenList() {
        GroupMark mark = GroupMark.start(0, "");
        List<String> seen = List.of("a", "b", "c", "d");
        for (int i = 0; i < seen.size(); i++) {
            mark = mark.handled(i, seen.get(i));
        }
        assertThat(mark.resumeIndex(List.of("a", "b", "c", "d", "e"))).as("appended").isEqualTo(4);
        assertThat(mark.resumeIndex(List.of("c", "d", "e", "f"))).as("trimmed in front").isEqualTo(2);
        assertThat(mark.resumeIndex(List.of("a", "b", "c", "x"))).as("last one removed").isEqualTo(3);
        assertThat(mark.resumeIndex(List.of("y", "z"))).as("trimmed past everything seen").isEqualTo(0);

        GroupMark repeats = GroupMark.start(0, "").handled(0, "x").handled(1, "y").handled(2, "x");
        assertThat(repeats.resumeIndex(List.of("x", "y", "x", "y", "x"))).as("repeated items appended").isEqualTo(3);
        assertThat(repeats.resumeIndex(List.of("y", "x", "y", "x"))).as("repeated, trimmed by one").isEqualTo(2);
    }
}
