package dev.episodic.connect.slack;

import java.time.Duration;
import java.time.Instant;

/**
 * What a channel sync needs from the config.
 *
 * @param editsInterval       how often an edits-window pass starts (from the start of the previous one)
 * @param oldThreadCheckEvery how often a watched thread that had no reply within the edits window is asked for
 *                            new replies
 */
record SyncSettings(boolean threads, Duration editsWindow, Duration editsInterval, Duration threadWatch,
                    Instant oldest, int pageSize, Duration oldThreadCheckEvery, boolean includePayload) {

    static SyncSettings of(final SlackConfig config) {
        return new SyncSettings(config.threads(), config.editsWindow(), config.editsInterval(), config.threadWatch(),
                config.oldest().orElse(Instant.EPOCH), config.pageSize(), config.channelsRefresh(),
                config.includePayload());
    }
}
