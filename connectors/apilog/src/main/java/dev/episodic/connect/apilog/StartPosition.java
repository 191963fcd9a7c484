package dev.episodic.connect.apilog;

/** Where reading starts in a file the connector has never seen when its task starts. */
public enum StartPosition {
    BEGINNING,
    END
}
