package dev.episodic.connect.github;

import dev.episodic.connect.common.cursor.CursorCodec;
import dev.episodic.connect.common.cursor.OffsetFields;
import dev.episodic.connect.common.cursor.OffsetMap;
import dev.episodic.connect.common.cursor.StreamCursor;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * Where one GitHub stream stands. Time-based streams keep a watermark ({@code updated_at}, {@code created_at}
 * or {@code submitted_at} of the last event) and {@code ties}, the ids already emitted at exactly that instant, so
 * entities sharing a timestamp are neither skipped nor repeated. Commit streams keep {@code base} (the head fully
 * read), {@code target} (the head being read) and {@code last} (the last commit emitted of that walk). Every stream
 * keeps the {@code etag} of its last first-page request ({@code etag_key} says which request) so the first request
 * after a restart is conditional, and {@code poll_s}, GitHub's {@code X-Poll-Interval}. The issue and pull-request
 * streams also keep {@code tl_etag}, the ETag of the issue-events timeline's first page as of their last completed
 * round, so the timeline read that finds reopens is conditional too. The reviews stream keeps {@code pulls_seen}, the
 * newest pull-request {@code updated_at} its last completed round listed, so the next round reads the reviews of
 * the pull requests changed since then only. Every field is bounded: no per-entity state.
 */
public record GitHubCursor(long seq, Instant watermark, Set<String> ties, String etag, String etagKey,
                           long pollSeconds, String base, String target, String last, String timelineEtag,
                           Instant pullsSeen) implements StreamCursor {
    public static final int VERSION = 1;

    public static final CursorCodec<GitHubCursor> CODEC = new CursorCodec<>("GitHubCursor", VERSION) {
        @Override
        protected GitHubCursor decodeCurrent(final OffsetFields f) {
            Instant watermark = instant(f, "watermark");
            Set<String> ties = new LinkedHashSet<>();
            f.optionalString("ties").ifPresent(t -> Arrays.stream(t.split(",")).filter(s -> !s.isEmpty()).forEach(ties::add));
            long poll = f.optionalLong("poll_s").orElse(0L);
            if (poll < 0) {
                throw f.invalid("poll_s", "must be >= 0");
            }
            return new GitHubCursor(f.seq(), watermark, ties, f.optionalString("etag").orElse(null),
                    f.optionalString("etag_key").orElse(null), poll, f.optionalString("base").orElse(null),
                    f.optionalString("target").orElse(null), f.optionalString("last").orElse(null),
                    f.optionalString("tl_etag").orElse(null), instant(f, "pulls_seen"));
        }
    };

    private static Instant instant(final OffsetFields f, final String key) {
        if (!f.has(key)) {
            return null;
        }
        try {
            return Instant.parse(f.requiredString(key));
        } catch (DateTimeParseException e) {
            throw f.invalid(key, "is not an ISO-8601 instant");
        }
    }

    public GitHubCursor {
        ties = Set.copyOf(ties);
    }

    public static GitHubCursor empty() {
        return new GitHubCursor(0, null, Set.of(), null, null, 0, null, null, null, null, null);
    }

    /** True when an entity of this version was already emitted (at or before the watermark). */
    public boolean covers(final Instant at, final String id) {
        if (watermark == null) {
            return false;
        }
        int c = at.compareTo(watermark);
        return c < 0 || c == 0 && ties.contains(id);
    }

    /** The cursor after emitting entity {@code id} of version {@code at} (versions arrive in ascending order). */
    public GitHubCursor advance(final Instant at, final String id) {
        Set<String> newTies = new LinkedHashSet<>();
        if (at.equals(watermark)) {
            newTies.addAll(ties);
        }
        newTies.add(id);
        return new GitHubCursor(seq + 1, at, newTies, etag, etagKey, pollSeconds, base, target, last, timelineEtag,
                pullsSeen);
    }

    public GitHubCursor withEtag(final String newEtag, final String newKey, final long poll) {
        return new GitHubCursor(seq, watermark, ties, newEtag, newKey, poll, base, target, last, timelineEtag,
                pullsSeen);
    }

    public GitHubCursor withCommits(final String newBase, final String newTarget, final String newLast) {
        return new GitHubCursor(seq, watermark, ties, etag, etagKey, pollSeconds, newBase, newTarget, newLast,
                timelineEtag, pullsSeen);
    }

    public GitHubCursor nextSeq() {
        return new GitHubCursor(seq + 1, watermark, ties, etag, etagKey, pollSeconds, base, target, last, timelineEtag,
                pullsSeen);
    }

    public GitHubCursor withPullsSeen(final Instant newPullsSeen) {
        return new GitHubCursor(seq, watermark, ties, etag, etagKey, pollSeconds, base, target, last, timelineEtag,
                newPullsSeen);
    }

    public GitHubCursor withTimelineEtag(final String newTimelineEtag) {
        return new GitHubCursor(seq, watermark, ties, etag, etagKey, pollSeconds, base, target, last, newTimelineEtag,
                pullsSeen);
    }

    @Override
    public Map<String, Object> toOffset() {
        OffsetMap map = OffsetMap.of(VERSION, seq);
        if (watermark != null) {
            map.put("watermark", watermark.toString());
            map.put("ties", String.join(",", ties));
        }
        map.put("etag", etag).put("etag_key", etagKey);
        if (pollSeconds > 0) {
            map.put("poll_s", pollSeconds);
        }
        map.put("base", base).put("target", target).put("last", last).put("tl_etag", timelineEtag);
        if (pullsSeen != null) {
            map.put("pulls_seen", pullsSeen.toString());
        }
        return map.build();
    }
}
