package dev.episodic.connect.apilog;

/** The line formats a log file can hold; {@link #AUTO} decides per file from its first lines. */
public enum LogFormat {
    JSON,
    COMBINED,
    COMMON,
    AUTO
}
