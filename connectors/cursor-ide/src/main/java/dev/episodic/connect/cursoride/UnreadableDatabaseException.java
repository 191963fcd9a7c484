package dev.episodic.connect.cursoride;

/**
 * The file cannot be read as SQLite (not a database, corrupt, vanished). The stream skips it until the file
 * changes; other streams go on.
 */
final class UnreadableDatabaseException extends DatabaseReadException {
    private static final long serialVersionUID = 1L;

    UnreadableDatabaseException(final String message, final Throwable cause) {
        super(message, cause);
    }
}
