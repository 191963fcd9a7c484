package dev.episodic.connect.github.client;

import java.net.http.HttpHeaders;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * Turns GitHub's wait hints into a duration: {@code Retry-After} in seconds or as an HTTP date, and
 * {@code X-RateLimit-Reset} as epoch seconds. Absolute times are measured against the response's own
 * {@code Date} header when it has one, so a skewed local clock neither shortens nor stretches the wait.
 */
final class RetryAfter {
    private RetryAfter() {
    }

    static Optional<Duration> retryAfter(final HttpHeaders headers, final Instant localNow) {
        Optional<String> value = headers.firstValue("Retry-After").map(String::trim).filter(v -> !v.isEmpty());
        if (value.isEmpty()) {
            return Optional.empty();
        }
        String v = value.get();
        if (v.chars().allMatch(Character::isDigit)) {
            return Optional.of(Duration.ofSeconds(Long.parseLong(v)));
        }
        return httpDate(v).map(at -> nonNegative(Duration.between(serverNow(headers, localNow), at)));
    }

    static Optional<Duration> untilReset(final HttpHeaders headers, final Instant localNow) {
        return resetAt(headers).map(at -> nonNegative(Duration.between(serverNow(headers, localNow), at)));
    }

    static Optional<Instant> resetAt(final HttpHeaders headers) {
        return headers.firstValue("X-RateLimit-Reset").flatMap(RetryAfter::epochSeconds);
    }

    private static Instant serverNow(final HttpHeaders headers, final Instant localNow) {
        return headers.firstValue("Date").flatMap(RetryAfter::httpDate).orElse(localNow);
    }

    private static Optional<Instant> epochSeconds(final String value) {
        try {
            return Optional.of(Instant.ofEpochSecond(Long.parseLong(value.trim())));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    static Optional<Instant> httpDate(final String value) {
        try {
            return Optional.of(ZonedDateTime.parse(value.trim(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    private static Duration nonNegative(final Duration d) {
        return d.isNegative() ? Duration.ZERO : d;
    }
}
