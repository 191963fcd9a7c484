package dev.episodic.client;

import java.util.Objects;
import java.util.function.Consumer;

/**
 * What a reader does when a stream's next committed event is not the next sequence. Either {@link #fail()}
 * (throw {@link SequenceGapException}: nothing after the hole is returned) or {@link #report(Consumer)} (tell the
 * listener and carry on with the event after the hole). Repeated sequences are never a gap: they are dropped.
 */
@FunctionalInterface
public interface GapPolicy {

    /** Called once per hole, before the event after it is returned; may throw to stop the read. */
    void onGap(SequenceGap gap);

    /** Strict: a hole ends the read with {@link SequenceGapException}. The default of every reader. */
    static GapPolicy fail() {
        return gap -> {
            throw new SequenceGapException(gap);
        };
    }

    /** Lenient: the listener hears of each hole and the read goes on with the events after it. */
    static GapPolicy report(final Consumer<SequenceGap> listener) {
        Objects.requireNonNull(listener, "listener");
        return listener::accept;
    }
}
