package dev.episodic.connect.slack;

import java.util.Objects;

/**
 * A channel a task reads: its id (stable, names the stream) and its name (for attributes). Travels in task
 * configs as {@code id#name}.
 */
public record Channel(String id, String name) {
    public Channel {
        Objects.requireNonNull(id, "channel id");
        if (id.isEmpty() || id.contains("#")) {
            throw new IllegalArgumentException("channel id '" + id + "' is empty or contains '#'");
        }
        name = name == null ? "" : name;
    }

    public static Channel decode(final String text) {
        int hash = text.indexOf('#');
        return hash < 0 ? new Channel(text, "") : new Channel(text.substring(0, hash), text.substring(hash + 1));
    }

    public String encode() {
        return id + "#" + name;
    }

    /** The stream (and source partition) name of this channel. */
    public String stream() {
        return "slack:" + id;
    }
}
