package dev.episodic.connect.slack;

/** The conversation types of {@code slack.channel.types}; their lower-case names are Slack's own. */
public enum ChannelType {
    PUBLIC_CHANNEL,
    PRIVATE_CHANNEL,
    MPIM,
    IM
}
