package dev.episodic.connect.common.testkit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.function.Supplier;

/**
 * A clock a test moves by hand, so waits (rate limits, retry-after, discovery intervals) are checked without
 * sleeping. Either fixed until advanced, or following the system clock plus whatever it was advanced by.
 */
public final class ManualClock extends Clock {
    private final Supplier<Instant> base;
    private Duration shift = Duration.ZERO;

    private ManualClock(final Supplier<Instant> base) {
        this.base = base;
    }

    /** Stands still at {@code start} until {@link #advance}d. */
    public static ManualClock fixedAt(final Instant start) {
        return new ManualClock(() -> start);
    }

    /** Runs with the system clock, ahead of it by the sum of every {@link #advance}. */
    public static ManualClock followingSystem() {
        return new ManualClock(Instant::now);
    }

    public synchronized void advance(final Duration by) {
        shift = shift.plus(by);
    }

    @Override
    public synchronized Instant instant() {
        return base.get().plus(shift);
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(final ZoneId zone) {
        return this;
    }
}
