package dev.episodic.connect.filesystem.git;

/**
 * Any failure of the git engine: unusable folder, missing object, corrupt repository.
 * Unchecked because the caller (a Connect task) can only report it, never recover locally.
 */
public final class GitException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public GitException(String message) {
        super(message);
    }

    public GitException(String message, Throwable cause) {
        super(message, cause);
    }
}
