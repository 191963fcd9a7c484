package dev.episodic.connect.slack;

import dev.episodic.connect.common.cursor.CursorCodec;
import dev.episodic.connect.common.cursor.OffsetFields;
import dev.episodic.connect.common.cursor.OffsetMap;
import dev.episodic.connect.common.cursor.StreamCursor;
import java.util.Map;

/**
 * Where one channel's stream stands, as its Connect offset: {@code seq}, {@code ts} (the newest top-level message
 * handed to Connect; absent before the first), {@code threads} (watched threads and their last reply) and
 * {@code window} (what is known of the messages inside the edits window), the last two in the compact text form of
 * {@link ChannelState}. Both are bounded, so the offset stays well under 512 KiB however busy the channel is.
 */
public record SlackChannelCursor(long seq, String ts, String threads, String window) implements StreamCursor {
    public static final int VERSION = 1;

    public static final CursorCodec<SlackChannelCursor> CODEC = new CursorCodec<>("SlackChannelCursor", VERSION) {
        @Override
        protected SlackChannelCursor decodeCurrent(final OffsetFields fields) {
            SlackChannelCursor cursor = new SlackChannelCursor(fields.seq(), fields.optionalString("ts").orElse(null),
                    fields.optionalString("threads").orElse(""), fields.optionalString("window").orElse(""));
            try {
                // Decoding the state checks every entry, so a PATCHed offset with a bad ts is refused up front.
                ChannelState.fromCursor(cursor);
            } catch (IllegalArgumentException e) {
                throw fields.invalid("ts/threads/window", "is malformed: " + e.getMessage());
            }
            return cursor;
        }
    };

    public static SlackChannelCursor empty() {
        return new SlackChannelCursor(0, null, "", "");
    }

    @Override
    public Map<String, Object> toOffset() {
        return OffsetMap.of(VERSION, seq).put("ts", ts).put("threads", threads).put("window", window).build();
    }
}
