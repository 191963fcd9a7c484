package dev.episodic.connect.slack;

import java.util.Locale;

/** The event types this connector emits; the wire name is the lower-case constant name. */
public enum SlackEventType {
    MESSAGE_POSTED,
    THREAD_REPLY_POSTED,
    MESSAGE_EDITED,
    MESSAGE_DELETED,
    REACTION_ADDED,
    REACTION_REMOVED;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
