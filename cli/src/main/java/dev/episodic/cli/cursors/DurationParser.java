package dev.episodic.cli.cursors;

import dev.episodic.cli.UsageException;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads durations as people write them: {@code 90s}, {@code 30m}, {@code 24h}, {@code 7d}, or ISO-8601 {@code P7D}. */
public final class DurationParser {
    private static final Pattern SIMPLE = Pattern.compile("(\\d+)\\s*(ms|s|m|h|d|w)");

    private DurationParser() {
    }

    public static Duration parse(final String text) {
        String value = text == null ? "" : text.trim().toLowerCase(java.util.Locale.ROOT);
        Matcher m = SIMPLE.matcher(value);
        if (m.matches()) {
            long n = Long.parseLong(m.group(1));
            return switch (m.group(2)) {
                case "ms" -> Duration.ofMillis(n);
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                case "d" -> Duration.ofDays(n);
                case "w" -> Duration.ofDays(7 * n);
                default -> throw new IllegalStateException("unit " + m.group(2));
            };
        }
        try {
            return Duration.parse(text.trim().toUpperCase(java.util.Locale.ROOT));
        } catch (DateTimeParseException | NullPointerException e) {
            throw new UsageException("'" + text + "' is not a duration; write e.g. 90s, 30m, 24h, 7d or P7D");
        }
    }

    /** A short human form, e.g. {@code 3d 4h}, {@code 12m}, {@code 5s}. */
    public static String humanize(final Duration d) {
        long s = Math.max(0, d.getSeconds());
        if (s < 60) {
            return s + "s";
        }
        if (s < 3600) {
            return (s / 60) + "m";
        }
        if (s < 86_400) {
            return (s / 3600) + "h " + (s % 3600 / 60) + "m";
        }
        return (s / 86_400) + "d " + (s % 86_400 / 3600) + "h";
    }

    /** picocli adapter. */
    public static final class Converter implements picocli.CommandLine.ITypeConverter<Duration> {
        @Override
        public Duration convert(final String value) {
            return parse(value);
        }
    }
}
