package dev.episodic.connect.filesystem.git;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import org.eclipse.jgit.diff.RawText;
import org.eclipse.jgit.lib.AnyObjectId;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectLoader;
import org.eclipse.jgit.lib.ObjectReader;

/**
 * The bytes git diffs for one side of a changed path, judged binary the way git judges it.
 * Symlinks diff as their target text; submodules (gitlinks) as the line git synthesises for them.
 */
final class Content {

    static final Content MISSING = new Content(new byte[0], false);

    /** git treats anything above core.bigFileThreshold (default 512 MiB) as binary unread. */
    private static final long BIG_FILE_THRESHOLD = 512L * 1024 * 1024;

    /** git's buffer_is_binary looks for a NUL byte in this many leading bytes. */
    private static final int BINARY_PROBE_BYTES = 8000;

    private final byte[] bytes;
    private final boolean binary;
    private RawText text;

    private Content(byte[] bytes, boolean binary) {
        this.bytes = bytes;
        this.binary = binary;
    }

    static Content load(ObjectReader reader, int rawMode, AnyObjectId id) throws IOException {
        if (rawMode == FileMode.TYPE_MISSING) {
            return MISSING;
        }
        if ((rawMode & FileMode.TYPE_MASK) == FileMode.TYPE_GITLINK) {
            return new Content(("Subproject commit " + id.name() + "\n").getBytes(StandardCharsets.US_ASCII), false);
        }
        ObjectLoader loader = reader.open(id, Constants.OBJ_BLOB);
        if (loader.getSize() > BIG_FILE_THRESHOLD) {
            return new Content(new byte[0], true);
        }
        byte[] data = loader.getCachedBytes(Integer.MAX_VALUE);
        return new Content(data, hasNul(data));
    }

    boolean binary() {
        return binary;
    }

    /** Shared, never modified: may be JGit's cached copy of the object. */
    byte[] bytes() {
        return bytes;
    }

    boolean isEmpty() {
        return bytes.length == 0;
    }

    /** Lines as git counts them: a trailing line without newline counts as one. */
    int lineCount() {
        if (text != null) {
            return text.size();
        }
        int lines = 0;
        for (byte b : bytes) {
            if (b == '\n') {
                lines++;
            }
        }
        return bytes.length > 0 && bytes[bytes.length - 1] != '\n' ? lines + 1 : lines;
    }

    RawText text() {
        if (text == null) {
            text = bytes.length == 0 ? RawText.EMPTY_TEXT : new RawText(bytes);
        }
        return text;
    }

    private static boolean hasNul(byte[] data) {
        int end = Math.min(data.length, BINARY_PROBE_BYTES);
        for (int i = 0; i < end; i++) {
            if (data[i] == 0) {
                return true;
            }
        }
        return false;
    }
}
