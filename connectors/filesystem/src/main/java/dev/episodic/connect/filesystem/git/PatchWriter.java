package dev.episodic.connect.filesystem.git;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import org.eclipse.jgit.diff.DiffEntry;
import org.eclipse.jgit.diff.DiffFormatter;
import org.eclipse.jgit.diff.EditList;
import org.eclipse.jgit.lib.FileMode;

/**
 * Builds a commit's unified diff text from edit lists already computed for the line counts, so
 * no blob is read twice. Output stops at a byte limit; the writer then ignores further files.
 * Headers follow git's layout (paths unquoted, ids abbreviated to 7). Not thread-safe.
 */
final class PatchWriter {

    private final BoundedBuffer buffer;
    private final DiffFormatter hunks;

    PatchWriter(int limitBytes) {
        this.buffer = new BoundedBuffer(limitBytes);
        this.hunks = new DiffFormatter(buffer);
        this.hunks.setContext(3);
    }

    void start() {
        buffer.reset();
    }

    boolean full() {
        return buffer.truncated;
    }

    void file(DiffEntry entry, Content a, Content b, EditList edits, boolean binary) throws IOException {
        if (buffer.truncated) {
            return;
        }
        String oldPath = entry.getChangeType() == DiffEntry.ChangeType.ADD ? entry.getNewPath() : entry.getOldPath();
        String newPath = entry.getChangeType() == DiffEntry.ChangeType.DELETE ? entry.getOldPath() : entry.getNewPath();
        StringBuilder h = new StringBuilder(128);
        h.append("diff --git a/").append(oldPath).append(" b/").append(newPath).append('\n');
        FileMode om = entry.getOldMode();
        FileMode nm = entry.getNewMode();
        switch (entry.getChangeType()) {
            case ADD -> h.append("new file mode ").append(nm).append('\n');
            case DELETE -> h.append("deleted file mode ").append(om).append('\n');
            case RENAME, COPY -> {
                String verb = entry.getChangeType() == DiffEntry.ChangeType.RENAME ? "rename" : "copy";
                h.append("similarity index ").append(entry.getScore()).append("%\n");
                h.append(verb).append(" from ").append(entry.getOldPath()).append('\n');
                h.append(verb).append(" to ").append(entry.getNewPath()).append('\n');
            }
            default -> {
            }
        }
        boolean modeChanged = entry.getChangeType() != DiffEntry.ChangeType.ADD
                && entry.getChangeType() != DiffEntry.ChangeType.DELETE && !om.equals(nm);
        if (modeChanged) {
            h.append("old mode ").append(om).append('\n').append("new mode ").append(nm).append('\n');
        }
        boolean sameContent = entry.getOldId().equals(entry.getNewId());
        if (!sameContent) {
            h.append("index ").append(entry.getOldId().name(), 0, 7).append("..").append(entry.getNewId().name(), 0, 7);
            if (!modeChanged && entry.getChangeType() == DiffEntry.ChangeType.MODIFY) {
                h.append(' ').append(nm);
            }
            h.append('\n');
        }
        String from = entry.getChangeType() == DiffEntry.ChangeType.ADD ? "/dev/null" : "a/" + oldPath;
        String to = entry.getChangeType() == DiffEntry.ChangeType.DELETE ? "/dev/null" : "b/" + newPath;
        if (binary && !sameContent) {
            h.append("Binary files ").append(from).append(" and ").append(to).append(" differ\n");
        } else if (!sameContent && !edits.isEmpty()) {
            h.append("--- ").append(from).append('\n').append("+++ ").append(to).append('\n');
        }
        buffer.write(h.toString().getBytes(StandardCharsets.UTF_8));
        if (!binary && !sameContent && !edits.isEmpty()) {
            hunks.format(edits, a.text(), b.text());
        }
    }

    /** The text so far, cut back to a whole UTF-8 character if the limit split one. */
    String text() {
        return buffer.text();
    }

    private static final class BoundedBuffer extends OutputStream {
        private final int limit;
        private byte[] data = new byte[256];
        private int size;
        boolean truncated;

        BoundedBuffer(int limit) {
            this.limit = limit;
        }

        void reset() {
            size = 0;
            truncated = false;
            if (data.length > 64 * 1024) {
                data = new byte[256];
            }
        }

        @Override
        public void write(int b) {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) {
            if (truncated) {
                return;
            }
            int room = limit - size;
            int take = Math.min(room, len);
            if (take < len) {
                truncated = true;
            }
            if (size + take > data.length) {
                data = Arrays.copyOf(data, Math.max(size + take, Math.min(limit, data.length * 2)));
            }
            System.arraycopy(b, off, data, size, take);
            size += take;
        }

        String text() {
            int end = size;
            if (truncated) {
                // Step back over continuation bytes, then drop the lead byte if its sequence is incomplete.
                int i = end - 1;
                while (i >= 0 && (data[i] & 0xC0) == 0x80) {
                    i--;
                }
                if (i >= 0 && (data[i] & 0x80) != 0) {
                    int lead = data[i] & 0xFF;
                    int need = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : 2;
                    if (end - i < need) {
                        end = i;
                    }
                }
            }
            return new String(data, 0, end, StandardCharsets.UTF_8);
        }
    }
}
