package dev.episodic.connect.filesystem.git;

/**
 * How one path changed in a commit. A type change (file to symlink, file to submodule) and a
 * pure mode change are both {@link #MODIFY}: git reports them as one path with line counts.
 */
public enum ChangeType {
    ADD,
    MODIFY,
    DELETE,
    RENAME,
    COPY
}
