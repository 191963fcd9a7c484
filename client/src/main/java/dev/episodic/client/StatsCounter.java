package dev.episodic.client;

/** Mutable tally of one call, frozen into a {@link ReadStats} when the call ends. Single-threaded. */
final class StatsCounter {
    private final long started = System.nanoTime();
    long fetches;
    long idlePolls;
    long probes;
    long offsetLookups;
    long recordsExamined;
    long duplicatesDropped;
    long gaps;

    ReadStats snapshot() {
        return new ReadStats(fetches, idlePolls, probes, offsetLookups, recordsExamined, duplicatesDropped, gaps,
                System.nanoTime() - started);
    }
}
