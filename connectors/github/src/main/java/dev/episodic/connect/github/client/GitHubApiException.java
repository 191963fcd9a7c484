package dev.episodic.connect.github.client;

import org.apache.kafka.connect.errors.ConnectException;

/**
 * GitHub refused a request for a reason that waiting will not fix (4xx other than rate limits). The message
 * names the request path and the fix; it never holds the token, which travels only in a request header.
 */
public class GitHubApiException extends ConnectException {
    private static final long serialVersionUID = 1L;

    private final int status;
    private final String path;

    public GitHubApiException(final int status, final String path, final String message) {
        super(message);
        this.status = status;
        this.path = path;
    }

    public int status() {
        return status;
    }

    public String path() {
        return path;
    }

    /** 404 or 410: the resource is gone or the token may not see it (GitHub hides private repos as 404). */
    public boolean isNotFound() {
        return status == 404 || status == 410;
    }

    /** 401: the token itself is rejected; nothing works until it is replaced. */
    public boolean isUnauthorized() {
        return status == 401;
    }

    /** 403 without a rate-limit signal: the token lacks a scope or access to this resource. */
    public boolean isForbidden() {
        return status == 403;
    }
}
