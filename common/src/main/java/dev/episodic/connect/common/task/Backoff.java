package dev.episodic.connect.common.task;

import java.time.Duration;
import java.util.Random;

/**
 * Exponential backoff with jitter. Each failure doubles the ceiling up to {@code max}; the wait is drawn from
 * the upper half of the ceiling so that many tasks hitting the same limit do not retry in lock step, yet
 * never retry immediately. A source-given wait (Retry-After) is a floor.
 */
public final class Backoff {
    private final long initialMs;
    private final long maxMs;
    private final Random random;
    private int failures;

    public Backoff(final Duration initial, final Duration max, final Random random) {
        if (initial.isNegative() || initial.isZero() || max.compareTo(initial) < 0) {
            throw new IllegalArgumentException("Backoff needs 0 < initial <= max");
        }
        this.initialMs = initial.toMillis();
        this.maxMs = max.toMillis();
        this.random = random;
    }

    public Backoff(final Duration initial, final Duration max) {
        this(initial, max, new Random());
    }

    /** The wait before the next attempt after one more failure. */
    public Duration next(final Duration floor) {
        int shift = Math.min(failures, 30);
        long ceiling = Math.min(maxMs, initialMs << shift);
        failures++;
        long half = ceiling / 2;
        long wait = half + (half > 0 ? (long) (random.nextDouble() * (ceiling - half + 1)) : ceiling);
        long floorMs = floor == null ? 0 : floor.toMillis();
        return Duration.ofMillis(Math.max(wait, floorMs));
    }

    public int failures() {
        return failures;
    }

    public void reset() {
        failures = 0;
    }
}
