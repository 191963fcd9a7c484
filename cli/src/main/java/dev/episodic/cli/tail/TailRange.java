package dev.episodic.cli.tail;

import dev.episodic.cli.UsageException;

/** Which events a tail prints: sequences after {@code after} and before {@code before}, at most {@code limit}. */
record TailRange(long after, long before, long limit) {
    static final long NO_BOUND = Long.MAX_VALUE;

    /** Checks the options as the user gave them (null = not given) and names the option to fix. */
    static TailRange of(final long after, final Long before, final Long limit) {
        if (after < 0) {
            throw new UsageException("--after must be 0 (from the first event) or a sequence, got " + after);
        }
        if (before != null && before <= after) {
            throw new UsageException("--before " + before + " must be greater than --after " + after
                    + " (events with after < sequence < before are printed)");
        }
        if (limit != null && limit <= 0) {
            throw new UsageException("--limit must be at least 1, got " + limit);
        }
        return new TailRange(after, before == null ? NO_BOUND : before, limit == null ? NO_BOUND : limit);
    }

    boolean contains(final long sequence) {
        return sequence > after && sequence < before;
    }
}
