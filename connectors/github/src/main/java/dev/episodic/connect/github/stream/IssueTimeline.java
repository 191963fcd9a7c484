package dev.episodic.connect.github.stream;

import com.fasterxml.jackson.databind.JsonNode;
import dev.episodic.connect.github.client.GitHubClient;
import dev.episodic.connect.github.client.GitHubResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * One walk of a repository's issue-events timeline ({@code GET /repos/{o}/{r}/issues/events}, newest first), the
 * only place GitHub records a reopen: the issue and pull-request lists show the current state alone. The walk
 * collects the {@code reopened} entries of one kind (issues, or pull requests: entries whose issue has a
 * {@code pull_request} key) from the newest down to {@code from}, one page per {@link #step()}, so a poll never
 * blocks on a long walk. Its first request is conditional on the ETag of the previous completed walk: when nothing
 * was added to the timeline since, GitHub answers 304 at no quota and there is no reopen to find.
 *
 * <p>The walk also fixes the round's <em>horizon</em>: GitHub's {@code Date} of the first answer (raised to just
 * past the newest entry if the clocks disagree). Every reopen before the horizon is in the walk; a version at or
 * after it may belong to a reopen the walk has not seen, so the reader leaves it to its next round.
 */
public final class IssueTimeline {
    private final GitHubClient client;
    private final String firstPage;
    private final boolean pulls;
    private final Instant from;
    private final String ifNoneMatch;
    private final List<Reopen> reopens = new ArrayList<>();
    private String next;
    private boolean started;
    private boolean done;
    private String etag;
    private Instant horizon;

    /**
     * @param repoPath    {@code /repos/{o}/{r}}
     * @param pulls       true for pull-request reopens, false for issue reopens
     * @param from        the stream's watermark: older entries are not needed
     * @param ifNoneMatch the timeline ETag of the stream's last completed round, or null
     * @param localNow    the horizon when GitHub sends no {@code Date}
     */
    public IssueTimeline(final GitHubClient client, final String repoPath, final int pageSize, final boolean pulls,
                         final Instant from, final String ifNoneMatch, final Instant localNow) {
        this.client = client;
        this.firstPage = repoPath + "/issues/events?per_page=" + pageSize;
        this.pulls = pulls;
        this.from = from;
        this.ifNoneMatch = ifNoneMatch;
        this.horizon = localNow;
    }

    /** Reads one page; call until {@link #done()}. */
    public void step() throws InterruptedException {
        GitHubResponse page = client.get(started ? next : firstPage, started ? null : ifNoneMatch);
        if (!started) {
            started = true;
            etag = page.etag();
            if (page.date() != null) {
                horizon = page.date();
            }
        }
        if (page.notModified()) {
            done = true;
            return;
        }
        boolean reachedOld = false;
        for (JsonNode entry : page.body()) {
            Optional<Instant> at = GitHubEvents.instant(entry, "created_at");
            if (at.isEmpty()) {
                continue;
            }
            if (!at.get().isBefore(horizon)) {
                // GitHub's clock and its timestamps disagree: the horizon must lie past every entry read.
                horizon = at.get().plusSeconds(1);
            }
            if (at.get().isBefore(from)) {
                reachedOld = true;
                break;
            }
            JsonNode issue = entry.path("issue");
            if ("reopened".equals(entry.path("event").asText()) && issue.has("pull_request") == pulls
                    && issue.hasNonNull("id") && issue.hasNonNull("number")) {
                reopens.add(new Reopen(at.get(), entry.path("id").asText(), issue.get("id").asText(),
                        issue.get("number").asText(), entry.path("actor").path("login").asText(null), entry));
            }
        }
        next = reachedOld ? null : page.nextLink();
        done = next == null;
    }

    public boolean done() {
        return done;
    }

    /** The reopens found, oldest first. */
    public List<Reopen> reopens() {
        List<Reopen> ordered = new ArrayList<>(reopens);
        ordered.sort(Comparator.comparing(Reopen::at).thenComparing(Reopen::eventId));
        return ordered;
    }

    /** Every reopen before this instant was read. */
    public Instant horizon() {
        return horizon;
    }

    /** ETag of the first page, for the next walk's conditional request. */
    public String etag() {
        return etag;
    }
}
