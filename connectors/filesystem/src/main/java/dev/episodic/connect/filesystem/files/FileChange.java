package dev.episodic.connect.filesystem.files;

import java.util.Objects;

/**
 * One change a scan found. {@code state} is the file's state after the change (for a delete: its last known
 * state); {@code previous} is the state before (modified, renamed, deleted); {@code oldPath} is set for renames;
 * {@code sha256} is the full content hash in hex when the file was hashed, else null.
 */
public record FileChange(ChangeType type, String path, String oldPath, FileState state, FileState previous,
                         String sha256) {
    public FileChange {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(state, "state");
        if ((type == ChangeType.RENAMED) != (oldPath != null)) {
            throw new IllegalArgumentException("old_path is set exactly for renames: " + type + " " + path);
        }
    }

    /** The shard whose offset records this change: the one of the path the file now has (or had, if deleted). */
    public int shard() {
        return Shards.of(path);
    }
}
