package dev.episodic.connect.github.stream;

import com.fasterxml.jackson.databind.JsonNode;
import dev.episodic.connect.github.GitHubCursor;
import dev.episodic.connect.github.client.GitHubClient;
import dev.episodic.connect.github.client.GitHubResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
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
 *
 * <p>The pull-request stream also reads reopens (see {@link IssueTimeline}), as the issues stream does: a round
 * from a watermark whose first page changed walks the timeline down to the watermark, merges the reopens, and
 * leaves versions at or past the walk's horizon to the next round. The timeline names a pull request by number
 * and issue id; its pull-request id (the event's identity) comes from the list just read.
 */
public class NewestFirstReader extends StreamReader {
    static final String FIRST_PAGE = "first";

    private final String firstPage;
    private final Optional<Instant> configuredSince;
    private final BiFunction<GitHubEvents, JsonNode, Optional<Candidate>> mapper;
    private final String timelineRepoPath;
    private final Map<String, Candidate> collected = new LinkedHashMap<>();
    private final Map<String, String> pullIds = new HashMap<>();
    private String nextLink;
    private String firstEtag;
    private long pollSeconds;
    private Instant horizon;
    private IssueTimeline walk;
    private GitHubResponse heldPage;
    private boolean beyondHorizon;

    /**
     * @param timelineRepoPath {@code /repos/{o}/{r}} for the pull-request stream, whose reopens come from the
     *                         timeline; null for lists without reopens (releases, events)
     */
    public NewestFirstReader(final String stream, final String repository, final GitHubClient client,
                             final int pageSize, final GitHubCursor cursor, final String firstPage,
                             final Optional<Instant> since,
                             final BiFunction<GitHubEvents, JsonNode, Optional<Candidate>> mapper,
                             final String timelineRepoPath) {
        super(stream, repository, client, pageSize, cursor);
        this.firstPage = firstPage + (firstPage.contains("?") ? "&" : "?") + "per_page=" + pageSize;
        this.configuredSince = since;
        this.mapper = mapper;
        this.timelineRepoPath = timelineRepoPath;
    }

    @Override
    protected void startRound() {
        collected.clear();
        pullIds.clear();
        nextLink = null;
        firstEtag = null;
        pollSeconds = 0;
        horizon = null;
        walk = null;
        heldPage = null;
        beyondHorizon = false;
    }

    @Override
    protected void fetchMore(final EventFactory events) throws InterruptedException {
        if (walk != null && !walk.done()) {
            walk.step();
            if (walk.done()) {
                horizon = walk.horizon();
                timelineRead(walk.etag());
                GitHubResponse page = heldPage;
                heldPage = null;
                process(page, events);
            }
            return;
        }
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
        if (first && timelineRepoPath != null) {
            if (cursor.watermark() == null) {
                horizon = page.date() != null ? page.date() : now();
            } else {
                walk = new IssueTimeline(client, timelineRepoPath, pageSize, true, cursor.watermark(),
                        cursor.timelineEtag(), now());
                heldPage = page;
                return;
            }
        }
        process(page, events);
    }

    private void process(final GitHubResponse page, final EventFactory events) throws InterruptedException {
        GitHubEvents factory = events.forStream(stream, repository);
        boolean reachedKnown = false;
        for (JsonNode item : page.body()) {
            Optional<Candidate> candidate = mapper.apply(factory, item);
            if (candidate.isEmpty()) {
                continue;
            }
            Candidate c = candidate.get();
            pullIds.putIfAbsent(item.path("number").asText(), c.id());
            if (cursor.covers(c.at(), c.id()) || configuredSince.map(c.at()::isBefore).orElse(false)) {
                reachedKnown = true;
                continue;
            }
            if (horizon != null && !c.at().isBefore(horizon)) {
                beyondHorizon = true;
                continue;
            }
            collected.putIfAbsent(c.event().eventId(), c);
        }
        if (reachedKnown || page.next().isEmpty()) {
            if (walk != null) {
                mergeReopens(factory);
            }
            List<Candidate> ordered = new ArrayList<>(collected.values());
            ordered.sort(Comparator.comparing(Candidate::at).thenComparing(Candidate::id));
            offer(ordered);
            if (beyondHorizon) {
                completeBeforeHorizon(pollSeconds);
            } else {
                complete(firstEtag, FIRST_PAGE, pollSeconds);
            }
        } else {
            nextLink = page.nextLink();
        }
    }

    /** Each reopen becomes one event: the version it made when that was read, else its own. */
    private void mergeReopens(final GitHubEvents factory) throws InterruptedException {
        for (Reopen r : walk.reopens()) {
            String pullId = pullIds.get(r.number());
            if (pullId == null) {
                // Not on the pages read (it shares the watermark's instant with older ones): ask for it.
                pullId = client.get(timelineRepoPath + "/pulls/" + r.number(), null)
                        .body().path("id").asText();
            }
            if (cursor.covers(r.at(), pullId)) {
                continue;
            }
            String versionId = "github:pull_request:" + pullId + ":" + r.at();
            Optional<Candidate> version = Optional.ofNullable(collected.remove(versionId));
            Candidate reopened = factory.reopened("pull_request", pullId, r, version);
            collected.put(reopened.event().eventId(), reopened);
        }
    }
}
