package dev.episodic.connect.slack.client;

import org.apache.kafka.connect.errors.ConnectException;

/**
 * Slack answered {@code ok:false} with an error that retrying does not fix. The message names the method, Slack's
 * error code and what the user must do; it never contains the token.
 */
public class SlackApiException extends ConnectException {
    private static final long serialVersionUID = 1L;

    private final String method;
    private final String error;

    public SlackApiException(final String method, final String error, final String message) {
        super(message);
        this.method = method;
        this.error = error;
    }

    public String method() {
        return method;
    }

    /** Slack's error code, e.g. {@code invalid_auth}. */
    public String error() {
        return error;
    }
}
