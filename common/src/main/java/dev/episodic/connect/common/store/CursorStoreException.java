package dev.episodic.connect.common.store;

import org.apache.kafka.connect.errors.ConnectException;

/** The cursor store cannot be opened, read or written; the message names the file and the fix. */
public class CursorStoreException extends ConnectException {
    private static final long serialVersionUID = 1L;

    public CursorStoreException(final String message, final Throwable cause) {
        super(message, cause);
    }
}
