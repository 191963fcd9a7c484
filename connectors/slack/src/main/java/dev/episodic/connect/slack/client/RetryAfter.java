package dev.episodic.connect.slack.client;

import java.time.Duration;

/** Slack sends {@code Retry-After} as whole seconds; anything else is ignored and the caller backs off. */
final class RetryAfter {
    private static final long MAX_SECONDS = 3_600;

    private RetryAfter() {
    }

    static Duration parse(final String header) {
        if (header == null || header.isBlank()) {
            return null;
        }
        try {
            long seconds = Long.parseLong(header.trim());
            return seconds < 0 ? null : Duration.ofSeconds(Math.min(seconds, MAX_SECONDS));
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
