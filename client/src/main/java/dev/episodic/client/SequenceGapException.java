package dev.episodic.client;

/** Thrown by {@link GapPolicy#fail()}: the stream has a hole where the read expected the next sequence. */
public final class SequenceGapException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final transient SequenceGap gap;

    public SequenceGapException(final SequenceGap gap) {
        super(gap.describe() + ". Read on from #" + gap.found() + " with a GapPolicy.report(...) reader if the loss "
                + "is known and accepted, or re-sync the source (reset its offsets) to fill the hole.");
        this.gap = gap;
    }

    public SequenceGap gap() {
        return gap;
    }
}
