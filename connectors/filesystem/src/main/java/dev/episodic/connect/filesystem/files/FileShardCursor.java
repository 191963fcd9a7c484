package dev.episodic.connect.filesystem.files;

import dev.episodic.connect.common.cursor.CursorCodec;
import dev.episodic.connect.common.cursor.OffsetFields;
import dev.episodic.connect.common.cursor.OffsetMap;
import dev.episodic.connect.common.cursor.StreamCursor;
import java.util.Map;

/**
 * The offset of one shard of a root: the state of the paths hashed into it ({@code files}), the paths of other
 * shards that a rename recorded here removed ({@code gone}, see {@link RootIndex}), and {@code seq}, the sequence
 * of the last event written through this shard. The stream's sequence is the largest {@code seq} of its shards.
 */
public record FileShardCursor(long seq, String files, String gone) implements StreamCursor {
    public static final int VERSION = 1;
    public static final String SHARDS = "shards";
    public static final String FILES = "files";
    public static final String GONE = "gone";

    public static final CursorCodec<FileShardCursor> CODEC = new CursorCodec<>("FileShardCursor", VERSION) {
        @Override
        protected FileShardCursor decodeCurrent(final OffsetFields fields) {
            long shards = fields.requiredLong(SHARDS);
            if (shards != Shards.COUNT) {
                throw fields.invalid(SHARDS, "is " + shards + " but this build shards every root " + Shards.COUNT
                        + " ways; reset the offsets of this connector to re-sync");
            }
            String files = fields.requiredString(FILES);
            String gone = fields.optionalString(GONE).orElse("");
            try {
                ShardFormat.parseFiles(files);
            } catch (IllegalArgumentException e) {
                throw fields.invalid(FILES, "is malformed: " + e.getMessage());
            }
            try {
                ShardFormat.parseGone(gone);
            } catch (IllegalArgumentException e) {
                throw fields.invalid(GONE, "is malformed: " + e.getMessage());
            }
            long seq = fields.seq();
            if (seq < 1) {
                throw fields.invalid(OffsetFields.SEQ, "must be >= 1: a shard offset is written with an event");
            }
            return new FileShardCursor(seq, files, gone);
        }
    };

    public Map<String, FileState> parsedFiles() {
        return ShardFormat.parseFiles(files);
    }

    public Map<String, Long> parsedGone() {
        return ShardFormat.parseGone(gone);
    }

    @Override
    public Map<String, Object> toOffset() {
        return OffsetMap.of(VERSION, seq).put(SHARDS, Shards.COUNT).put(FILES, files).put(GONE, gone).build();
    }
}
