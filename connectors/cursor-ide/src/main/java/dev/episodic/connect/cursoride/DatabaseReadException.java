package dev.episodic.connect.cursoride;

/** A database could not be read; the subclass says whether to retry soon (busy) or wait for the file to change. */
abstract class DatabaseReadException extends Exception {
    private static final long serialVersionUID = 1L;

    DatabaseReadException(final String message, final Throwable cause) {
        super(message, cause);
    }
}
