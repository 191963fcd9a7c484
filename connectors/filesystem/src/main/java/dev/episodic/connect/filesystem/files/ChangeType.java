package dev.episodic.connect.filesystem.files;

/** The event types of the file-change connector; {@link #eventType()} is what goes on the topic. */
public enum ChangeType {
    ADDED("file_added", "added"),
    MODIFIED("file_modified", "modified"),
    DELETED("file_deleted", "deleted"),
    RENAMED("file_renamed", "renamed");

    private final String eventType;
    private final String verb;

    ChangeType(final String eventType, final String verb) {
        this.eventType = eventType;
        this.verb = verb;
    }

    public String eventType() {
        return eventType;
    }

    public String verb() {
        return verb;
    }
}
