package dev.episodic.connect.github.stream;

import dev.episodic.connect.common.event.EpisodicEvent;
import dev.episodic.connect.github.GitHubCursor;
import java.time.Instant;
import java.util.function.UnaryOperator;

/**
 * One version of one GitHub entity, read but not yet handed to Connect. {@code cursorAfter} moves a stream's
 * cursor past it (time-based streams: watermark + tie; commit streams: the walk position).
 *
 * @param at      the version's instant (updated_at, created_at, submitted_at, published_at or commit date)
 * @param id      the entity's id, the tie-breaker at equal instants
 * @param event   the event, built with a placeholder sequence that emission replaces
 */
public record Candidate(Instant at, String id, EpisodicEvent event, UnaryOperator<GitHubCursor> cursorAfter) {

    /** A time-based candidate: the cursor moves to (at, id). */
    public static Candidate timed(final Instant at, final String id, final EpisodicEvent event) {
        return new Candidate(at, id, event, c -> c.advance(at, id));
    }
}
