package dev.episodic.connect.common.cursor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CursorCodecTest {
    record Position(long seq, long at, String tag) implements StreamCursor {
        @Override
        public Map<String, Object> toOffset() {
            return OffsetMap.of(2, seq).put("at", at).put("tag", tag).build();
        }
    }

    static final CursorCodec<Position> CODEC = new CursorCodec<>("Position", 2) {
        @Override
        protected Position decodeCurrent(final OffsetFields f) {
            return new Position(f.seq(), f.requiredLong("at"), f.optionalString("tag").orElse(null));
        }

        @Override
        protected Map<String, Object> migrate(final int fromVersion, final Map<String, Object> offset) {
            offset.put("at", offset.remove("position"));
            return offset;
        }
    };

    @Test
    void roundTripsAndReadsNumbersOfAnyWidth() {
        Position p = new Position(7, 123_456_789_012L, "x");
        assertThat(CODEC.decode(p.toOffset())).isEqualTo(p);
        Map<String, Object> narrowed = new HashMap<>(p.toOffset());
        narrowed.put("seq", 7);  // a JSON round trip may hand back an Integer
        narrowed.put("v", 2L);
        assertThat(CODEC.decode(narrowed)).isEqualTo(p);
    }

    @Test
    void migratesOlderVersions() {
        assertThat(CODEC.decode(Map.of("v", 1, "seq", 3, "position", 99))).isEqualTo(new Position(3, 99, null));
    }

    @Test
    void refusesUnknownVersionsAndWrongTypesNamingTheField() {
        assertThatThrownBy(() -> CODEC.decode(Map.of("v", 3, "seq", 1, "at", 1)))
                .isInstanceOf(CursorFormatException.class).hasMessageContaining("version 3");
        assertThatThrownBy(() -> CODEC.decode(Map.of("v", 2, "seq", "one", "at", 1)))
                .hasMessageContaining("'seq' must be a number");
        assertThatThrownBy(() -> CODEC.decode(Map.of("seq", 1))).hasMessageContaining("'v' is missing");
        assertThatThrownBy(() -> CODEC.decode(Map.of("v", 2, "seq", -1, "at", 1))).hasMessageContaining(">= 0");
    }

    @Test
    void lenientReadFallsBackToFullSyncOnCorruptCursor() {
        assertThat(CODEC.read("s", null)).isEmpty();
        assertThat(CODEC.read("s", new HashMap<>(Map.of("v", "x")))).isEmpty();
        assertThat(CODEC.read("s", new HashMap<>(new Position(1, 2, null).toOffset()))).isPresent();
    }
}
