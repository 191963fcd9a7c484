package dev.episodic.connect.common.cursor;

import org.apache.kafka.connect.errors.ConnectException;

/** A stored cursor that cannot be read: wrong shape, wrong types, or a format version this build does not know. */
public class CursorFormatException extends ConnectException {
    private static final long serialVersionUID = 1L;

    public CursorFormatException(final String message) {
        super(message);
    }
}
