package dev.episodic.connect.github.stream;

import com.fasterxml.jackson.databind.JsonNode;
import dev.episodic.connect.github.GitHubCursor;
import dev.episodic.connect.github.client.GitHubClient;
import dev.episodic.connect.github.client.GitHubResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;

/**
 * Lists GitHub serves newest first without a {@code since} filter (pull requests by {@code updated_at}, releases,
 * repository events). A round reads pages until one reaches what the cursor already covers, then emits the new
 * versions oldest first. Newest-first paging never skips: an entity changed meanwhile moves to page one and is
 * read in the next round. The first page's URL never changes, so its ETag makes an idle round a free 304.
 */
public class NewestFirstReader extends StreamReader {
    static final String FIRST_PAGE = "first";

    private final String firstPage;
    private final Optional<Instant> configuredSince;
    private final BiFunction<GitHubEvents, JsonNode, Optional<Candidate>> mapper;
    private final Map<String, Candidate> collected = new LinkedHashMap<>();
    private String nextLink;
    private String firstEtag;
    private long pollSeconds;

    public NewestFirstReader(final String stream, final String repository, final GitHubClient client,
                             final int pageSize, final GitHubCursor cursor, final String firstPage,
                             final Optional<Instant> since,
                             final BiFunction<GitHubEvents, JsonNode, Optional<Candidate>> mapper) {
        super(stream, repository, client, pageSize, cursor);
        this.firstPage = firstPage + (firstPage.contains("?") ? "&" : "?") + "per_page=" + pageSize;
        this.configuredSince = since;
        this.mapper = mapper;
    }

    @Override
    protected void startRound() {
        collected.clear();
        nextLink = null;
        firstEtag = null;
        pollSeconds = 0;
    }

    @Override
    protected void fetchMore(final EventFactory events) throws InterruptedException {
        boolean first = nextLink == null;
        GitHubResponse page = client.get(first ? firstPage : nextLink,
                first && FIRST_PAGE.equals(cursor.etagKey()) ? cursor.etag() : null);
        if (first) {
            firstEtag = page.etag();
            pollSeconds = page.pollIntervalSeconds();
        }
        if (page.notModified()) {
            complete(page.etag(), FIRST_PAGE, page.pollIntervalSeconds());
            return;
        }
        GitHubEvents factory = events.forStream(stream, repository);
        boolean reachedKnown = false;
        for (JsonNode item : page.body()) {
            Optional<Candidate> candidate = mapper.apply(factory, item);
            if (candidate.isEmpty()) {
                continue;
            }
            Candidate c = candidate.get();
            if (cursor.covers(c.at(), c.id()) || configuredSince.map(c.at()::isBefore).orElse(false)) {
                reachedKnown = true;
                continue;
            }
            collected.putIfAbsent(c.event().eventId(), c);
        }
        if (reachedKnown || page.next().isEmpty()) {
            List<Candidate> ordered = new ArrayList<>(collected.values());
            ordered.sort(Comparator.comparing(Candidate::at).thenComparing(Candidate::id));
            offer(ordered);
            complete(firstEtag, FIRST_PAGE, pollSeconds);
        } else {
            nextLink = page.nextLink();
        }
    }
}
