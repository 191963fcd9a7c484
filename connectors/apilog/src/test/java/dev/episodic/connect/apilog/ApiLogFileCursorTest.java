package dev.episodic.connect.apilog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.episodic.connect.common.cursor.CursorFormatException;
import dev.episodic.connect.common.cursor.OffsetMap;
import dev.episodic.connect.common.event.EventJson;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ApiLogFileCursorTest {
    private static final FileIdentity FILE = new FileIdentity(123_456L, "0123456789abcdef", 1024);

    @Test
    void roundTripsThroughTheOffsetMapAndJson() throws Exception {
        ApiLogFileCursor cursor = new ApiLogFileCursor(42, FILE, 9_000_000_000L, 77);
        Map<String, Object> offset = cursor.toOffset();
        assertThat(offset).isEqualTo(OffsetMap.of(1, 42).put("ino", 123_456L).put("fp", "0123456789abcdef")
                .put("fp_len", 1024L).put("pos", 9_000_000_000L).put("line", 77L).build());
        assertThat(offset.keySet()).containsExactly("v", "seq", "ino", "fp", "fp_len", "pos", "line");
        assertThat(ApiLogFileCursor.CODEC.decode(offset)).isEqualTo(cursor);
        // Through JSON, as the offset store keeps it: small numbers come back as Integer.
        @SuppressWarnings("unchecked")
        Map<String, Object> json = EventJson.mapper().readValue(EventJson.mapper().writeValueAsString(offset),
                Map.class);
        assertThat(json.get("line")).isInstanceOf(Integer.class);
        assertThat(ApiLogFileCursor.CODEC.decode(json)).isEqualTo(cursor);
    }

    @Test
    void refusesMalformedOffsetsNamingTheField() {
        Map<String, Object> good = new HashMap<>(new ApiLogFileCursor(1, FILE, 10, 1).toOffset());
        Map<String, Object> badFp = new HashMap<>(good);
        badFp.put("fp", "xyz");
        assertThatThrownBy(() -> ApiLogFileCursor.CODEC.decode(badFp)).isInstanceOf(CursorFormatException.class)
                .hasMessageContaining("'fp'");
        Map<String, Object> negative = new HashMap<>(good);
        negative.put("pos", -1);
        assertThatThrownBy(() -> ApiLogFileCursor.CODEC.decode(negative)).hasMessageContaining("'pos'");
        Map<String, Object> noLine = new HashMap<>(good);
        noLine.remove("line");
        assertThatThrownBy(() -> ApiLogFileCursor.CODEC.decode(noLine)).hasMessageContaining("'line' is missing");
        Map<String, Object> future = new HashMap<>(good);
        future.put("v", 2);
        assertThatThrownBy(() -> ApiLogFileCursor.CODEC.decode(future)).hasMessageContaining("version 2");
        assertThat(ApiLogFileCursor.CODEC.read("s", new HashMap<>(badFp))).isEmpty();
    }

    @Test
    void theSequenceContinuesAcrossFiles() {
        ApiLogFileCursor cursor = new ApiLogFileCursor(5, FILE, 500, 5).next(600);
        assertThat(cursor).isEqualTo(new ApiLogFileCursor(6, FILE, 600, 6));
        FileIdentity next = new FileIdentity(99, "fedcba9876543210", 10);
        assertThat(cursor.startOf(next, 0)).isEqualTo(new ApiLogFileCursor(6, next, 0, 0));
        assertThatThrownBy(() -> ApiLogFileCursor.empty().toOffset()).isInstanceOf(IllegalStateException.class);
    }
}
