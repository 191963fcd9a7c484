package dev.episodic.connect.common.sample;

import dev.episodic.connect.common.cursor.CursorCodec;
import dev.episodic.connect.common.cursor.OffsetFields;
import dev.episodic.connect.common.cursor.OffsetMap;
import dev.episodic.connect.common.cursor.StreamCursor;
import java.util.Map;

/** Cursor of the sample connector: lines of the file consumed so far. */
record LinesCursor(long seq, long lines) implements StreamCursor {
    static final int VERSION = 2;
    static final CursorCodec<LinesCursor> CODEC = new CursorCodec<>("LinesCursor", VERSION) {
        @Override
        protected LinesCursor decodeCurrent(final OffsetFields fields) {
            return new LinesCursor(fields.seq(), fields.requiredLong("lines"));
        }

        @Override
        protected Map<String, Object> migrate(final int fromVersion, final Map<String, Object> offset) {
            // Version 1 called the field "line"; one event per line, so it equals seq as well.
            offset.put("lines", offset.remove("line"));
            return offset;
        }
    };

    @Override
    public Map<String, Object> toOffset() {
        return OffsetMap.of(VERSION, seq).put("lines", lines).build();
    }
}
