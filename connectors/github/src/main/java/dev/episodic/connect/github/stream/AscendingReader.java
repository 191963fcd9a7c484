package dev.episodic.connect.github.stream;

import com.fasterxml.jackson.databind.JsonNode;
import dev.episodic.connect.github.GitHubCursor;
import dev.episodic.connect.github.client.GitHubClient;
import dev.episodic.connect.github.client.GitHubResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
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
 */
public final class AscendingReader extends StreamReader {
    private final String path;
    private final Optional<Instant> configuredSince;
    private final BiFunction<GitHubEvents, JsonNode, Optional<Candidate>> mapper;
    private Instant seenUpTo;
    private final Set<String> seenAtTop = new HashSet<>();
    private String nextLink;
    private Instant firstFrom;
    private boolean firstRequest;

    public AscendingReader(final String stream, final String repository, final GitHubClient client, final int pageSize,
                           final GitHubCursor cursor, final String path, final Optional<Instant> since,
                           final BiFunction<GitHubEvents, JsonNode, Optional<Candidate>> mapper) {
        super(stream, repository, client, pageSize, cursor);
        this.path = path;
        this.configuredSince = since;
        this.mapper = mapper;
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
        boolean keyset = nextLink == null;
        Instant from = firstRequest ? firstFrom : seenUpTo;
        firstRequest = false;
        String key = from == null ? "" : from.toString();
        String url = keyset ? path + (path.contains("?") ? "&" : "?") + "sort=updated&direction=asc&per_page=" + pageSize
                + (from == null ? "" : "&since=" + enc(key)) : nextLink;
        String etag = keyset && key.equals(cursor.etagKey()) ? cursor.etag() : null;
        GitHubResponse page = client.get(url, etag);
        if (page.notModified()) {
            complete(page.etag(), key, page.pollIntervalSeconds());
            return;
        }
        GitHubEvents factory = events.forStream(stream, repository);
        List<Candidate> fresh = new ArrayList<>();
        boolean progressed = false;
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
            progressed = true;
            if (seenUpTo == null || at.get().isAfter(seenUpTo)) {
                seenUpTo = at.get();
                seenAtTop.clear();
            }
            seenAtTop.add(id);
            mapper.apply(factory, item).ifPresent(fresh::add);
        }
        offer(fresh);
        if (page.next().isEmpty()) {
            // GitHub links a next page only when there is one: this answer holds the rest of the list. Its ETag,
            // keyed by its since, is what the next round asks first.
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
}
