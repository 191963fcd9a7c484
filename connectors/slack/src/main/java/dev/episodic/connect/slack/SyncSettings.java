package dev.episodic.connect.slack;

import java.time.Duration;
import java.time.Instant;

/**
 * What a channel sync needs from the config.
 *
 * @param oldThreadCheckEvery how often a watched thread whose parent is older than the edits window (so no
 *                            longer seen in the history re-read) is asked for new replies
 */
record SyncSettings(boolean threads, Duration editsWindow, Duration threadWatch, Instant oldest, int pageSize,
                    Duration oldThreadCheckEvery, boolean includePayload) {

    static SyncSettings of(final SlackConfig config) {
        return new SyncSettings(config.threads(), config.editsWindow(), config.threadWatch(),
                config.oldest().orElse(Instant.EPOCH), config.pageSize(), config.channelsRefresh(),
                config.includePayload());
    }
}
