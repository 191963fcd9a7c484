package dev.episodic.connect.slack.client;

/**
 * One channel cannot be read ({@code not_in_channel}, {@code channel_not_found}): that channel's stream stops, the
 * other channels of the task go on.
 */
public final class ChannelUnavailableException extends SlackApiException {
    private static final long serialVersionUID = 1L;

    public ChannelUnavailableException(final String method, final String error, final String message) {
        super(method, error, message);
    }
}
