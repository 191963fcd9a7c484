package dev.episodic.connect.common.testkit.slack;

import java.time.Instant;

/**
 * A Slack message timestamp as the fake hands it out: seconds and microseconds, compared as two integers. Its text
 * form ({@link #toString()}) is Slack's, six digits after the dot, so tests can build expected event ids from it.
 */
public record FakeTs(long seconds, int micros) implements Comparable<FakeTs> {
    public static final FakeTs ZERO = new FakeTs(0, 0);

    public FakeTs {
        if (seconds < 0 || micros < 0 || micros > 999_999) {
            throw new IllegalArgumentException("not a Slack timestamp: " + seconds + "." + micros);
        }
    }

    /** Parses Slack's {@code seconds.micros}; 1 to 6 digits after the dot, or none. */
    public static FakeTs parse(final String text) {
        int dot = text.indexOf('.');
        if (dot < 0) {
            return new FakeTs(Long.parseLong(text), 0);
        }
        String fraction = (text.substring(dot + 1) + "000000").substring(0, 6);
        return new FakeTs(Long.parseLong(text.substring(0, dot)), Integer.parseInt(fraction));
    }

    public static FakeTs of(final Instant instant) {
        return new FakeTs(instant.getEpochSecond(), instant.getNano() / 1_000);
    }

    static FakeTs ofMicros(final long micros) {
        return new FakeTs(micros / 1_000_000L, (int) (micros % 1_000_000L));
    }

    long toMicros() {
        return seconds * 1_000_000L + micros;
    }

    public Instant toInstant() {
        return Instant.ofEpochSecond(seconds, micros * 1_000L);
    }

    @Override
    public int compareTo(final FakeTs o) {
        int bySeconds = Long.compare(seconds, o.seconds);
        return bySeconds != 0 ? bySeconds : Integer.compare(micros, o.micros);
    }

    @Override
    public String toString() {
        return String.format("%d.%06d", seconds, micros);
    }
}
