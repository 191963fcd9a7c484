package dev.episodic.connect.slack;

import dev.episodic.connect.common.cursor.CursorCodec;
import dev.episodic.connect.common.cursor.OffsetFields;
import dev.episodic.connect.common.cursor.OffsetMap;
import dev.episodic.connect.common.cursor.StreamCursor;
import java.util.Map;

/**
 * Where one channel's stream stands, as its Connect offset: {@code seq}, {@code ts} (the newest top-level message
 * handed to Connect; absent before the first), {@code threads} (watched threads and their last reply),
 * {@code window} (what is known of the messages and thread replies inside the edits window), the last two in the
 * compact text form of {@link ChannelState}, and {@code rescan} (where the edits-window pass in progress stands;
 * absent when none is). All are bounded, so the offset stays well under 512 KiB however busy the channel is.
 *
 * <p>Version 2 added thread replies to {@code window} (a fifth field, the parent ts) and {@code rescan}; a
 * version-1 offset is a valid version-2 offset without them.
 */
public record SlackChannelCursor(long seq, String ts, String threads, String window, String rescan)
        implements StreamCursor {
    public static final int VERSION = 2;

    public static final CursorCodec<SlackChannelCursor> CODEC = new CursorCodec<>("SlackChannelCursor", VERSION) {
        @Override
        protected Map<String, Object> migrate(final int fromVersion, final Map<String, Object> offset) {
            if (fromVersion == 1) {
                // Version 1 had no rescan and only top-level window entries: nothing to rewrite.
                return offset;
            }
            return super.migrate(fromVersion, offset);
        }

        @Override
        protected SlackChannelCursor decodeCurrent(final OffsetFields fields) {
            SlackChannelCursor cursor = new SlackChannelCursor(fields.seq(), fields.optionalString("ts").orElse(null),
                    fields.optionalString("threads").orElse(""), fields.optionalString("window").orElse(""),
                    fields.optionalString("rescan").filter(s -> !s.isEmpty()).orElse(null));
            try {
                // Decoding the state checks every entry, so a PATCHed offset with a bad ts is refused up front.
                ChannelState.fromCursor(cursor);
            } catch (IllegalArgumentException e) {
                throw fields.invalid("ts/threads/window/rescan", "is malformed: " + e.getMessage());
            }
            return cursor;
        }
    };

    public static SlackChannelCursor empty() {
        return new SlackChannelCursor(0, null, "", "", null);
    }

    @Override
    public Map<String, Object> toOffset() {
        return OffsetMap.of(VERSION, seq).put("ts", ts).put("threads", threads).put("window", window)
                .put("rescan", rescan).build();
    }
}
