package dev.episodic.client;

/**
 * What one call (or, from {@link EpisodicStreamReader#totals()}, all calls) cost.
 *
 * <ul>
 *   <li>{@code fetches}: {@code KafkaConsumer.poll} calls that consumed a fetch response, i.e. returned records
 *       or moved the consumer's position (past transaction markers or aborted records). A seek drops what the
 *       consumer had buffered for the partition, so the first poll after a seek is always a round trip to the
 *       broker. This is the cost measure of the seek algorithm.</li>
 *   <li>{@code idlePolls}: polls that ended with nothing new (waiting at the end of the log, e.g. in
 *       {@code follow}); they are waits, not fetches.</li>
 *   <li>{@code probes}: bisection steps (each a seek plus the fetches needed to meet a record of the stream).</li>
 *   <li>{@code offsetLookups}: {@code ListOffsets} requests (start and committed end of the partition).</li>
 *   <li>{@code recordsExamined}: records of any stream the consumer handed over; only the stream's own
 *       records in the requested range are decoded.</li>
 *   <li>{@code duplicatesDropped}, {@code gaps}: sequence checks that fired.</li>
 * </ul>
 */
public record ReadStats(long fetches, long idlePolls, long probes, long offsetLookups, long recordsExamined,
                        long duplicatesDropped, long gaps, long elapsedNanos) {

    public static final ReadStats NONE = new ReadStats(0, 0, 0, 0, 0, 0, 0, 0);

    public ReadStats plus(final ReadStats o) {
        return new ReadStats(fetches + o.fetches, idlePolls + o.idlePolls, probes + o.probes,
                offsetLookups + o.offsetLookups, recordsExamined + o.recordsExamined,
                duplicatesDropped + o.duplicatesDropped, gaps + o.gaps, elapsedNanos + o.elapsedNanos);
    }

    public double elapsedMillis() {
        return elapsedNanos / 1_000_000.0;
    }

    @Override
    public String toString() {
        return String.format("fetches=%d probes=%d offsetLookups=%d records=%d idlePolls=%d duplicates=%d gaps=%d %.2fms",
                fetches, probes, offsetLookups, recordsExamined, idlePolls, duplicatesDropped, gaps, elapsedMillis());
    }
}
