package dev.episodic.connect.github.client;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** A clock a test moves by hand, so rate-limit waits are checked without sleeping. */
public final class MutableClock extends Clock {
    private Instant now;

    public MutableClock(final Instant start) {
        this.now = start;
    }

    public synchronized void advance(final Duration d) {
        now = now.plus(d);
    }

    @Override
    public synchronized Instant instant() {
        return now;
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
