package dev.episodic.connect.github.stream;

import com.fasterxml.jackson.databind.JsonNode;
import dev.episodic.connect.github.GitHubCursor;
import dev.episodic.connect.github.client.GitHubClient;
import dev.episodic.connect.github.client.GitHubResponse;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;

/**
 * Lists sorted by {@code updated_at} ascending with a {@code since} filter (issues, issue comments, review
 * comments). Pages are keyset pages: each request asks {@code since=<newest instant seen>}, so an entity edited
 * while the round pages moves to the end and is read there instead of shifting a page boundary past an unread
 * one. Only when a whole page shares one instant (more than a page of ties) does it follow the {@code Link}.
 * The round is complete with the first answer that links no next page; that answer's ETag (keyed by its
 * {@code since}) makes the next round's identical first request conditional, so an unchanged repository costs
 * no quota, and a changed one costs no request beyond the pages that hold the changes.
 *
 * <p>The issues stream also reads reopens (see {@link IssueTimeline}): when a round that starts from a watermark
 * finds changed issues, it walks the timeline down to the watermark before emitting, merges the reopens into the
 * versions by instant, and leaves versions at or past the walk's horizon to the next round. A stream's first
 * round (its backfill) reads no timeline: it shows each issue's version as of the round's first answer, whose
 * {@code Date} is its horizon; everything after is read with the timeline.
 */
public final class AscendingReader extends StreamReader {
    private final String path;
    private final Optional<Instant> configuredSince;
    private final BiFunction<GitHubEvents, JsonNode, Optional<Candidate>> mapper;
    private final String timelineRepoPath;
    private Instant seenUpTo;
    private final Set<String> seenAtTop = new HashSet<>();
    private String nextLink;
    private Instant firstFrom;
    private boolean firstRequest;
    private Instant horizon;
    private IssueTimeline walk;
    private GitHubResponse heldPage;
    private String heldKey;
    private boolean heldKeyset;
    private final Deque<Reopen> reopens = new ArrayDeque<>();

    /**
     * @param timelineRepoPath {@code /repos/{o}/{r}} for the issues stream, whose reopens come from the timeline;
     *                         null for lists without reopens (comments)
     */
    public AscendingReader(final String stream, final String repository, final GitHubClient client, final int pageSize,
                           final GitHubCursor cursor, final String path, final Optional<Instant> since,
                           final BiFunction<GitHubEvents, JsonNode, Optional<Candidate>> mapper,
                           final String timelineRepoPath) {
        super(stream, repository, client, pageSize, cursor);
        this.path = path;
        this.configuredSince = since;
        this.mapper = mapper;
        this.timelineRepoPath = timelineRepoPath;
    }

    @Override
    protected void startRound() {
        seenUpTo = cursor.watermark() != null ? cursor.watermark() : configuredSince.orElse(null);
        seenAtTop.clear();
        seenAtTop.addAll(cursor.ties());
        nextLink = null;
        // The round's first request repeats the last request of the previous round, whose ETag is stored: an
        // unchanged list answers 304 at no quota. What it returns again is filtered by the watermark.
        firstFrom = parse(cursor.etagKey());
        if (firstFrom == null && cursor.etagKey() == null) {
            firstFrom = seenUpTo;
        }
        firstRequest = true;
        horizon = null;
        walk = null;
        heldPage = null;
        reopens.clear();
    }

    private static Instant parse(final String key) {
        if (key == null || key.isEmpty()) {
            return null;
        }
        try {
            return Instant.parse(key);
        } catch (java.time.format.DateTimeParseException e) {
            return null;
        }
    }

    @Override
    protected void fetchMore(final EventFactory events) throws InterruptedException {
        if (walk != null && !walk.done()) {
            walk.step();
            if (walk.done()) {
                horizon = walk.horizon();
                reopens.addAll(walk.reopens());
                timelineRead(walk.etag());
                GitHubResponse page = heldPage;
                heldPage = null;
                process(page, heldKey, heldKeyset, events);
            }
            return;
        }
        boolean keyset = nextLink == null;
        Instant from = firstRequest ? firstFrom : seenUpTo;
        String key = from == null ? "" : from.toString();
        String url = keyset ? path + (path.contains("?") ? "&" : "?") + "sort=updated&direction=asc&per_page=" + pageSize
                + (from == null ? "" : "&since=" + enc(key)) : nextLink;
        String etag = keyset && key.equals(cursor.etagKey()) ? cursor.etag() : null;
        GitHubResponse page = client.get(url, etag);
        firstRequest = false;
        if (page.notModified()) {
            complete(page.etag(), key, page.pollIntervalSeconds());
            return;
        }
        if (timelineRepoPath != null && horizon == null) {
            if (cursor.watermark() == null) {
                // Backfill: versions as of this first answer; later changes are the next round's.
                horizon = page.date() != null ? page.date() : now();
            } else {
                // Something changed: before emitting, learn which changes were reopens.
                walk = new IssueTimeline(client, timelineRepoPath, pageSize, false, cursor.watermark(),
                        cursor.timelineEtag(), now());
                heldPage = page;
                heldKey = key;
                heldKeyset = keyset;
                return;
            }
        }
        process(page, key, keyset, events);
    }

    private void process(final GitHubResponse page, final String key, final boolean keyset, final EventFactory events) {
        Instant from = key.isEmpty() ? null : Instant.parse(key);
        GitHubEvents factory = events.forStream(stream, repository);
        List<Candidate> fresh = new ArrayList<>();
        boolean progressed = false;
        boolean beyondHorizon = false;
        boolean allAtFrom = page.body().size() > 0;
        for (JsonNode item : page.body()) {
            Optional<Instant> at = GitHubEvents.instant(item, "updated_at");
            String id = item.path("id").asText();
            if (at.isEmpty()) {
                continue;
            }
            allAtFrom &= at.get().equals(from);
            if (seenUpTo != null && (at.get().isBefore(seenUpTo) || at.get().equals(seenUpTo) && seenAtTop.contains(id))) {
                continue;
            }
            if (horizon != null && !at.get().isBefore(horizon)) {
                // The list is ascending: this and everything after it is the next round's.
                beyondHorizon = true;
                break;
            }
            progressed = true;
            if (seenUpTo == null || at.get().isAfter(seenUpTo)) {
                seenUpTo = at.get();
                seenAtTop.clear();
            }
            seenAtTop.add(id);
            mapper.apply(factory, item).ifPresent(c -> fresh.add(withReopens(c, factory, fresh)));
        }
        offer(fresh);
        if (beyondHorizon) {
            offer(remainingReopens(factory));
            completeBeforeHorizon(page.pollIntervalSeconds());
        } else if (page.next().isEmpty()) {
            // GitHub links a next page only when there is one: this answer holds the rest of the list. Its ETag,
            // keyed by its since, is what the next round asks first.
            offer(remainingReopens(factory));
            complete(keyset ? page.etag() : null, key, page.pollIntervalSeconds());
        } else if (allAtFrom && page.body().size() >= pageSize) {
            // A full page of one instant: more ties may follow, which no since= request can reach.
            nextLink = page.nextLink();
        } else if (!progressed && Objects.equals(from, seenUpTo)) {
            nextLink = page.nextLink();
        } else {
            // Keyset: ask again from the newest instant seen, so no edit during the round shifts a page past
            // an unread entity.
            nextLink = null;
        }
    }

    /**
     * Puts the reopens older than {@code version} ahead of it in {@code out} (oldest first), and returns the version
     * itself, retyped when it is the version a reopen made.
     */
    private Candidate withReopens(final Candidate version, final GitHubEvents factory, final List<Candidate> out) {
        Candidate result = version;
        for (Iterator<Reopen> it = reopens.iterator(); it.hasNext(); ) {
            Reopen r = it.next();
            if (r.at().equals(version.at()) && r.issueId().equals(version.id())) {
                result = factory.reopened("issue", r.issueId(), r, Optional.of(version));
                it.remove();
            }
        }
        while (!reopens.isEmpty() && reopens.peekFirst().at().isBefore(version.at())) {
            Reopen r = reopens.pollFirst();
            if (!cursor.covers(r.at(), r.issueId())) {
                out.add(factory.reopened("issue", r.issueId(), r, Optional.empty()));
            }
        }
        return result;
    }

    private List<Candidate> remainingReopens(final GitHubEvents factory) {
        List<Candidate> rest = new ArrayList<>();
        while (!reopens.isEmpty()) {
            Reopen r = reopens.pollFirst();
            if (!cursor.covers(r.at(), r.issueId())) {
                rest.add(factory.reopened("issue", r.issueId(), r, Optional.empty()));
            }
        }
        return rest;
    }
}
