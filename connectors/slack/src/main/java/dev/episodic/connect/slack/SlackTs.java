package dev.episodic.connect.slack;

import java.time.Instant;

/**
 * A Slack timestamp ({@code "1700000000.000100"}): seconds and microseconds, which is also a message's id inside
 * its channel. Compared exactly as two integers, never as a floating-point number, so two messages in the same
 * second keep their order.
 */
public record SlackTs(long seconds, int micros) implements Comparable<SlackTs> {
    public SlackTs {
        if (seconds < 0 || micros < 0 || micros > 999_999) {
            throw new IllegalArgumentException("not a Slack timestamp: " + seconds + "." + micros);
        }
    }

    public static SlackTs parse(final String text) {
        if (text == null) {
            throw new IllegalArgumentException("Slack timestamp is missing");
        }
        int dot = text.indexOf('.');
        try {
            if (dot < 0) {
                return new SlackTs(Long.parseLong(text), 0);
            }
            String fraction = text.substring(dot + 1);
            if (fraction.isEmpty() || fraction.length() > 6 || !fraction.chars().allMatch(Character::isDigit)) {
                throw new IllegalArgumentException("Slack timestamp '" + text + "' needs 1 to 6 digits after the dot");
            }
            int micros = Integer.parseInt((fraction + "000000").substring(0, 6));
            return new SlackTs(Long.parseLong(text.substring(0, dot)), micros);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("Slack timestamp '" + text + "' is not seconds.micros", e);
        }
    }

    public static SlackTs of(final Instant instant) {
        return new SlackTs(instant.getEpochSecond(), instant.getNano() / 1_000);
    }

    public Instant toInstant() {
        return Instant.ofEpochSecond(seconds, micros * 1_000L);
    }

    /** The next possible timestamp (one microsecond later): an exclusive bound just above this one. */
    public SlackTs next() {
        return micros == 999_999 ? new SlackTs(seconds + 1, 0) : new SlackTs(seconds, micros + 1);
    }

    public boolean isAfter(final SlackTs other) {
        return compareTo(other) > 0;
    }

    @Override
    public int compareTo(final SlackTs o) {
        int bySeconds = Long.compare(seconds, o.seconds);
        return bySeconds != 0 ? bySeconds : Integer.compare(micros, o.micros);
    }

    /** The canonical text form Slack uses: six digits after the dot. */
    @Override
    public String toString() {
        String digits = Integer.toString(micros);
        return new StringBuilder(18).append(seconds).append('.').append("000000", 0, 6 - digits.length())
                .append(digits).toString();
    }
}
