package dev.episodic.connect.apilog;

import dev.episodic.connect.common.cursor.CursorCodec;
import dev.episodic.connect.common.cursor.OffsetFields;
import dev.episodic.connect.common.cursor.StreamCursor;
import java.util.Map;

/**
 * Where one log stream stands: the file being read (identity), the byte offset after the last emitted line, that
 * line's number in the file, and the stream's sequence. Offset keys: {@code v, seq, ino, fp, fp_len, pos, line}.
 *
 * @param identity the file; null only before the stream's first event
 * @param position bytes of the file consumed (offset after the last emitted line and its newline)
 * @param line     lines of the file consumed
 */
public record ApiLogFileCursor(long seq, FileIdentity identity, long position, long line) implements StreamCursor {
    public static final int VERSION = 1;
    static final String INODE = "ino";
    static final String FINGERPRINT = "fp";
    static final String FINGERPRINT_LENGTH = "fp_len";
    static final String POSITION = "pos";
    static final String LINE = "line";

    public static final CursorCodec<ApiLogFileCursor> CODEC = new CursorCodec<>("ApiLogFileCursor", VERSION) {
        @Override
        protected ApiLogFileCursor decodeCurrent(final OffsetFields fields) {
            long seq = fields.seq();
            String fp = fields.requiredString(FINGERPRINT);
            if (!fp.matches("[0-9a-f]{16}")) {
                throw fields.invalid(FINGERPRINT, "must be 16 lower-case hex digits but is '" + fp + "'");
            }
            long length = fields.requiredLong(FINGERPRINT_LENGTH);
            if (length < 1 || length > FileIdentity.MAX_BYTES) {
                throw fields.invalid(FINGERPRINT_LENGTH, "must be 1.." + FileIdentity.MAX_BYTES + " but is " + length);
            }
            long position = fields.requiredLong(POSITION);
            if (position < 0) {
                throw fields.invalid(POSITION, "must be >= 0 but is " + position);
            }
            long line = fields.requiredLong(LINE);
            if (line < 0) {
                throw fields.invalid(LINE, "must be >= 0 but is " + line);
            }
            return new ApiLogFileCursor(seq, new FileIdentity(fields.requiredLong(INODE), fp, (int) length),
                    position, line);
        }
    };

    static ApiLogFileCursor empty() {
        return new ApiLogFileCursor(0, null, 0, 0);
    }

    /** The cursor after one more line of the same file. */
    ApiLogFileCursor next(final long endPosition) {
        return new ApiLogFileCursor(seq + 1, identity, endPosition, line + 1);
    }

    /** The cursor at the start of another file (rotation or truncation); the sequence continues. */
    ApiLogFileCursor startOf(final FileIdentity file, final long at) {
        return new ApiLogFileCursor(seq, file, at, 0);
    }

    @Override
    public Map<String, Object> toOffset() {
        if (identity == null) {
            throw new IllegalStateException("a stream has no offset before its first file is identified");
        }
        // A view, not a copy: see CursorOffset. Equal (Map.equals) to the OffsetMap the other connectors build.
        return new CursorOffset(this);
    }
}
