package dev.episodic.client;

import java.time.Duration;
import org.apache.kafka.common.errors.TimeoutException;

/** A bound on how long one call may wait for the broker in total. */
final class Deadline {
    private final long until;
    private final Duration budget;

    Deadline(final Duration budget) {
        this.budget = budget;
        this.until = System.nanoTime() + budget.toNanos();
    }

    Duration remaining() {
        return Duration.ofNanos(Math.max(0, until - System.nanoTime()));
    }

    boolean expired() {
        return System.nanoTime() - until >= 0;
    }

    void check(final String what) {
        if (expired()) {
            throw new TimeoutException("Gave up " + what + " after " + budget.toMillis() + " ms: the broker did not "
                    + "return the records in time; check that it is reachable, or raise default.api.timeout.ms");
        }
    }
}
