package dev.episodic.connect.filesystem.git;

import java.util.Objects;

/**
 * One changed path of a commit, with the counts {@code git log --numstat} prints for it.
 *
 * @param path         path after the change (for a delete: the deleted path)
 * @param oldPath      source path of a rename or copy, otherwise {@code null}
 * @param type         kind of change
 * @param linesAdded   added lines, 0 for binary files
 * @param linesDeleted deleted lines, 0 for binary files
 * @param binary       true where git prints {@code -	-}
 */
public record FileChange(String path, String oldPath, ChangeType type, int linesAdded, int linesDeleted,
                         boolean binary) {

    public FileChange {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(type, "type");
        if ((type == ChangeType.RENAME || type == ChangeType.COPY) != (oldPath != null)) {
            throw new IllegalArgumentException("oldPath is required exactly for RENAME and COPY: " + type);
        }
        if (linesAdded < 0 || linesDeleted < 0) {
            throw new IllegalArgumentException("negative line count for " + path);
        }
    }
}
