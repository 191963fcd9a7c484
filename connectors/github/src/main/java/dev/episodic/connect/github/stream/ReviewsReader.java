package dev.episodic.connect.github.stream;

import com.fasterxml.jackson.databind.JsonNode;
import dev.episodic.connect.github.GitHubCursor;
import dev.episodic.connect.github.client.GitHubClient;
import dev.episodic.connect.github.client.GitHubResponse;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Pull-request reviews. GitHub lists them only per pull request, so a round first reads pull requests newest
 * updated first (a submitted review updates its pull request) down to the watermark, then the reviews of each
 * of those, and emits the new ones by {@code submitted_at}. The pull-request list's first page is conditional:
 * a repository without activity costs no quota. The list is read down to the newer of the watermark and
 * {@code pulls_seen} (the newest pull-request update the last completed round listed), so a round reads the
 * reviews of the pull requests that changed since, not of every pull request since the last review.
 */
public final class ReviewsReader extends StreamReader {
    private final String repoPath;
    private final Optional<Instant> configuredSince;
    private final Deque<String> pullsToRead = new ArrayDeque<>();
    private final Map<String, Candidate> collected = new LinkedHashMap<>();
    private boolean listingPulls;
    private String nextLink;
    private String currentPull;
    private String firstEtag;
    private Instant newestPull;

    public ReviewsReader(final String stream, final String repository, final GitHubClient client, final int pageSize,
                         final GitHubCursor cursor, final String repoPath, final Optional<Instant> since) {
        super(stream, repository, client, pageSize, cursor);
        this.repoPath = repoPath;
        this.configuredSince = since;
    }

    @Override
    protected void startRound() {
        pullsToRead.clear();
        collected.clear();
        listingPulls = true;
        nextLink = null;
        currentPull = null;
        firstEtag = null;
        newestPull = null;
    }

    @Override
    protected GitHubCursor onRoundEnd(final GitHubCursor c) {
        return newestPull == null || c.pullsSeen() != null && !newestPull.isAfter(c.pullsSeen())
                ? c : c.withPullsSeen(newestPull);
    }

    @Override
    protected void fetchMore(final EventFactory events) throws InterruptedException {
        if (listingPulls) {
            listPulls();
            return;
        }
        if (currentPull == null) {
            currentPull = pullsToRead.poll();
            if (currentPull == null) {
                List<Candidate> ordered = new ArrayList<>(collected.values());
                ordered.sort(Comparator.comparing(Candidate::at).thenComparing(Candidate::id));
                offer(ordered);
                complete(firstEtag, NewestFirstReader.FIRST_PAGE, 0);
                return;
            }
            nextLink = repoPath + "/pulls/" + currentPull + "/reviews?per_page=" + pageSize;
        }
        GitHubResponse page = client.get(nextLink, null);
        GitHubEvents factory = events.forStream(stream, repository);
        for (JsonNode review : page.body()) {
            factory.review(review, currentPull)
                    .filter(c -> !cursor.covers(c.at(), c.id()) && !configuredSince.map(c.at()::isBefore).orElse(false))
                    .ifPresent(c -> collected.putIfAbsent(c.event().eventId(), c));
        }
        nextLink = page.nextLink();
        if (nextLink == null) {
            currentPull = null;
        }
    }

    private void listPulls() throws InterruptedException {
        boolean first = nextLink == null;
        String url = first ? repoPath + "/pulls?state=all&sort=updated&direction=desc&per_page=" + pageSize : nextLink;
        GitHubResponse page = client.get(url, first && NewestFirstReader.FIRST_PAGE.equals(cursor.etagKey())
                ? cursor.etag() : null);
        if (first) {
            firstEtag = page.etag();
        }
        if (page.notModified()) {
            complete(page.etag(), NewestFirstReader.FIRST_PAGE, 0);
            return;
        }
        Instant floor = cursor.watermark() != null ? cursor.watermark() : configuredSince.orElse(null);
        if (cursor.pullsSeen() != null && (floor == null || cursor.pullsSeen().isAfter(floor))) {
            // Reviews update their pull request: one not updated since the last round has no new review.
            floor = cursor.pullsSeen();
        }
        boolean reachedOld = false;
        for (JsonNode pr : page.body()) {
            Optional<Instant> updated = GitHubEvents.instant(pr, "updated_at");
            if (updated.isEmpty()) {
                continue;
            }
            if (newestPull == null || updated.get().isAfter(newestPull)) {
                newestPull = updated.get();
            }
            if (floor != null && updated.get().isBefore(floor)) {
                reachedOld = true;
                continue;
            }
            String number = pr.path("number").asText();
            if (!pullsToRead.contains(number)) {
                pullsToRead.add(number);
            }
        }
        nextLink = reachedOld ? null : page.nextLink();
        if (nextLink == null) {
            listingPulls = false;
        }
    }
}
