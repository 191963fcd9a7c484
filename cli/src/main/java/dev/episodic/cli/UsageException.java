package dev.episodic.cli;

/** The user asked for something that cannot work as given; the message says what and how to fix it. Exit 2. */
public final class UsageException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public UsageException(final String message) {
        super(message);
    }
}
