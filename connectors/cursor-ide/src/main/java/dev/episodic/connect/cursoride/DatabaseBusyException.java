package dev.episodic.connect.cursoride;

/** The database is locked or busy (Cursor is writing): the stream backs off and retries; nothing is lost. */
final class DatabaseBusyException extends DatabaseReadException {
    private static final long serialVersionUID = 1L;

    DatabaseBusyException(final String message, final Throwable cause) {
        super(message, cause);
    }
}
