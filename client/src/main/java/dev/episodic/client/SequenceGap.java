package dev.episodic.client;

/**
 * Sequences {@code expected} up to {@code found - 1} of a stream are missing: the next committed event the
 * reader saw has sequence {@code found}. Exactly-once topics never have one; it means events were lost
 * upstream (a cursor rewound past a deleted range, retention removed the start of the stream, records were
 * written without exactly-once and a batch was dropped).
 */
public record SequenceGap(String stream, long expected, long found, String topic, int partition, long offset) {

    /** How many sequences are missing. */
    public long missing() {
        return found - expected;
    }

    public String describe() {
        String range = missing() == 1 ? "sequence " + expected : "sequences " + expected + ".." + (found - 1);
        return "Stream " + stream + ": " + range + " missing; the next committed event is #" + found
                + " at " + topic + "-" + partition + "@" + offset;
    }
}
