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
 * after a restart is conditional, and {@code poll_s}, GitHub's {@code X-Poll-Interval}.
 */
public record GitHubCursor(long seq, Instant watermark, Set<String> ties, String etag, String etagKey,
                           long pollSeconds, String base, String target, String last) implements StreamCursor {
    public static final int VERSION = 1;

    public static final CursorCodec<GitHubCursor> CODEC = new CursorCodec<>("GitHubCursor", VERSION) {
        @Override
        protected GitHubCursor decodeCurrent(final OffsetFields f) {
            Instant watermark = null;
            if (f.has("watermark")) {
                try {
                    watermark = Instant.parse(f.requiredString("watermark"));
                } catch (DateTimeParseException e) {
                    throw f.invalid("watermark", "is not an ISO-8601 instant");
                }
            }
            Set<String> ties = new LinkedHashSet<>();
            f.optionalString("ties").ifPresent(t -> Arrays.stream(t.split(",")).filter(s -> !s.isEmpty()).forEach(ties::add));
            long poll = f.optionalLong("poll_s").orElse(0L);
            if (poll < 0) {
                throw f.invalid("poll_s", "must be >= 0");
            }
            return new GitHubCursor(f.seq(), watermark, ties, f.optionalString("etag").orElse(null),
                    f.optionalString("etag_key").orElse(null), poll, f.optionalString("base").orElse(null),
                    f.optionalString("target").orElse(null), f.optionalString("last").orElse(null));
        }
    };

    public GitHubCursor {
        ties = Set.copyOf(ties);
    }

    public static GitHubCursor empty() {
        return new GitHubCursor(0, null, Set.of(), null, null, 0, null, null, null);
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
        return new GitHubCursor(seq + 1, at, newTies, etag, etagKey, pollSeconds, base, target, last);
    }

    public GitHubCursor withEtag(final String newEtag, final String newKey, final long poll) {
        return new GitHubCursor(seq, watermark, ties, newEtag, newKey, poll, base, target, last);
    }

    public GitHubCursor withCommits(final String newBase, final String newTarget, final String newLast) {
        return new GitHubCursor(seq, watermark, ties, etag, etagKey, pollSeconds, newBase, newTarget, newLast);
    }

    public GitHubCursor nextSeq() {
        return new GitHubCursor(seq + 1, watermark, ties, etag, etagKey, pollSeconds, base, target, last);
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
        map.put("base", base).put("target", target).put("last", last);
        return map.build();
    }
}
