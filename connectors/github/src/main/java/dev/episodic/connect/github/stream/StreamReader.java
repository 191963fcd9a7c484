package dev.episodic.connect.github.stream;

import dev.episodic.connect.common.cursor.StreamPartition;
import dev.episodic.connect.common.event.EpisodicEvent;
import dev.episodic.connect.common.task.EventBatch;
import dev.episodic.connect.github.GitHubCursor;
import dev.episodic.connect.github.client.GitHubClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;

/**
 * Reads one stream (one repository + resource) in rounds. A round fetches what changed since the cursor, page by
 * page, into a small buffer, and emits it oldest first; the cursor moves only with emitted events. The fetch
 * runs at most one page ahead of emission, so the request that proves the round complete (and whose ETag makes
 * the next round's first request conditional) is made while the round's last events are still buffered: that
 * ETag then travels in the committed offset of the round's last event and survives restarts.
 */
public abstract class StreamReader {
    protected final String stream;
    protected final String repository;
    protected final GitHubClient client;
    protected final int pageSize;
    protected GitHubCursor cursor;
    private final Deque<Candidate> pending = new ArrayDeque<>();
    private boolean roundOpen;
    private boolean fetchComplete;
    private String roundEtag;
    private String roundEtagKey;
    private long roundPollSeconds;
    private boolean roundForgetsEtag;
    private String roundTimelineEtag;
    private Instant notBefore;
    private Clock clock = Clock.systemUTC();

    protected StreamReader(final String stream, final String repository, final GitHubClient client,
                           final int pageSize, final GitHubCursor cursor) {
        this.stream = stream;
        this.repository = repository;
        this.client = client;
        this.pageSize = pageSize;
        this.cursor = cursor;
    }

    public final String stream() {
        return stream;
    }

    public final String repository() {
        return repository;
    }

    public final GitHubCursor cursor() {
        return cursor;
    }

    /**
     * The reader starts (the task opened) at {@code now}. GitHub's X-Poll-Interval, kept in the offset, holds
     * across a restart: the first round waits it out too, since the last round before the restart may have been
     * moments ago.
     */
    public final void resumeAt(final Instant now) {
        notBefore = now.plusSeconds(cursor.pollSeconds());
    }

    /** Starts a new round: reset the fetch state. */
    protected abstract void startRound();

    /** Fetches one page (one request) and {@link #offer}s what is new, or calls {@link #complete}. */
    protected abstract void fetchMore(EventFactory events) throws InterruptedException;

    /** Makes events for one batch; the stream name is the reader's. */
    public interface EventFactory {
        GitHubEvents forStream(String stream, String repository);
    }

    protected final void offer(final Collection<Candidate> candidates) {
        pending.addAll(candidates);
    }

    protected final int buffered() {
        return pending.size();
    }

    /** The round holds everything; {@code etag} belongs to the request identified by {@code etagKey}. */
    protected final void complete(final String etag, final String etagKey, final long pollSeconds) {
        fetchComplete = true;
        roundEtag = etag;
        roundEtagKey = etagKey;
        roundPollSeconds = pollSeconds;
    }

    /**
     * The round holds everything before its horizon and leaves newer versions to the next round, whose first
     * request must therefore not be answered 304 from this round's ETag: the stored ETag is dropped.
     */
    protected final void completeBeforeHorizon(final long pollSeconds) {
        complete(null, null, pollSeconds);
        roundForgetsEtag = true;
    }

    /** The issue-events timeline was read this round; its first page's ETag makes the next walk conditional. */
    protected final void timelineRead(final String timelineEtag) {
        roundTimelineEtag = timelineEtag;
    }

    /** The task's clock, for a horizon when GitHub sends no {@code Date}. */
    protected final Instant now() {
        return clock.instant();
    }

    /** The cursor once the round is complete: its ETags, so the next round (even after a restart) is conditional. */
    private GitHubCursor roundEnd(final GitHubCursor c) {
        GitHubCursor result = c;
        if (roundForgetsEtag) {
            result = result.withEtag(null, null, roundPollSeconds);
        } else if (roundEtag != null) {
            result = result.withEtag(roundEtag, roundEtagKey, roundPollSeconds);
        }
        if (roundTimelineEtag != null) {
            result = result.withTimelineEtag(roundTimelineEtag);
        }
        return onRoundEnd(result);
    }

    /** What else a reader keeps once its round is complete; nothing unless overridden. */
    protected GitHubCursor onRoundEnd(final GitHubCursor c) {
        return c;
    }

    /**
     * Adds this stream's new events to {@code batch} until it is full, the round ends, or {@code deadline} passes
     * before a request. Returns true when the stream has more to do right now.
     */
    public final boolean fill(final EventBatch batch, final Clock clock, final Instant deadline,
                              final Duration pollInterval, final EventFactory events) throws InterruptedException {
        this.clock = clock;
        if (notBefore == null) {
            resumeAt(clock.instant());
        }
        if (!roundOpen) {
            if (clock.instant().isBefore(notBefore)) {
                return false;
            }
            roundOpen = true;
            fetchComplete = false;
            roundEtag = null;
            roundEtagKey = null;
            roundPollSeconds = 0;
            roundForgetsEtag = false;
            roundTimelineEtag = null;
            startRound();
        }
        while (batch.hasRoom()) {
            if (!fetchComplete && pending.size() <= pageSize) {
                if (clock.instant().isAfter(deadline)) {
                    return true;
                }
                fetchMore(events);
                continue;
            }
            if (pending.isEmpty()) {
                // Nothing new, or everything emitted: keep the round's ETag in memory for the next round.
                cursor = roundEnd(cursor);
                roundOpen = false;
                long waitMs = Math.max(pollInterval.toMillis(), Duration.ofSeconds(roundPollSeconds).toMillis());
                notBefore = clock.instant().plusMillis(waitMs);
                return false;
            }
            Candidate c = pending.poll();
            if (c.cursorAfter() == null || cursor.covers(c.at(), c.id()) && isTimed(c)) {
                continue;
            }
            GitHubCursor after = c.cursorAfter().apply(cursor);
            if (pending.isEmpty() && fetchComplete) {
                after = roundEnd(after);
            }
            EpisodicEvent event = c.event().toBuilder().sequence(after.seq()).ingestedAt(batch.ingestedAt()).build();
            batch.add(StreamPartition.of(stream), after, event);
            cursor = after;
        }
        return true;
    }

    /** Time-based candidates are checked against the watermark; commit candidates are exact by construction. */
    protected boolean isTimed(final Candidate c) {
        return true;
    }

    /** Percent-encodes a query value. */
    protected static String enc(final String value) {
        return java.net.URLEncoder.encode(value, java.nio.charset.StandardCharsets.UTF_8);
    }
}
