package dev.episodic.connect.github.stream;

import com.fasterxml.jackson.databind.JsonNode;
import dev.episodic.connect.github.GitHubCursor;
import dev.episodic.connect.github.client.GitHubApiException;
import dev.episodic.connect.github.client.GitHubClient;
import dev.episodic.connect.github.client.GitHubResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * Commits of one branch, by walking history rather than by date: commit dates are not monotonic (a merged old
 * branch brings old dates), so a {@code since} filter would miss them. A round reads the branch head (first page
 * conditional: an unchanged branch costs no quota); when it moved, it walks from the new head ({@code target})
 * back to the head already read ({@code base}), then emits oldest first. The cursor records {@code last}, the last
 * commit emitted of the walk, so a restart mid-walk walks from the same immutable {@code target} again and
 * resumes after {@code last}.
 */
public final class CommitsReader extends StreamReader {
    static final String HEAD_KEY = "head";

    private final String repoPath;
    private final String branch;
    private final Optional<Instant> configuredSince;
    private final List<Candidate> collected = new ArrayList<>();
    private String target;
    private String nextLink;
    private String headEtag;
    private boolean walking;

    public CommitsReader(final String stream, final String repository, final GitHubClient client, final int pageSize,
                         final GitHubCursor cursor, final String repoPath, final String branch,
                         final Optional<Instant> since) {
        super(stream, repository, client, pageSize, cursor);
        this.repoPath = repoPath;
        this.branch = branch;
        this.configuredSince = since;
    }

    @Override
    protected void startRound() {
        collected.clear();
        target = null;
        nextLink = null;
        headEtag = null;
        walking = false;
    }

    @Override
    protected boolean isTimed(final Candidate c) {
        return false;
    }

    @Override
    protected void fetchMore(final EventFactory events) throws InterruptedException {
        GitHubEvents factory = events.forStream(stream, repository);
        if (!walking) {
            readHead(factory);
            return;
        }
        walk(client.get(nextLink, null), factory);
    }

    private void readHead(final GitHubEvents factory) throws InterruptedException {
        String url = repoPath + "/commits?per_page=" + pageSize + (branch == null ? "" : "&sha=" + enc(branch));
        GitHubResponse page;
        try {
            page = client.get(url, HEAD_KEY.equals(cursor.etagKey()) ? cursor.etag() : null);
        } catch (GitHubApiException e) {
            if (e.status() == 409) {
                // GitHub answers 409 for a repository without any commit yet: nothing to read.
                complete(null, HEAD_KEY, 0);
                return;
            }
            throw e;
        }
        if (page.notModified() || page.body().isEmpty()) {
            complete(page.etag(), HEAD_KEY, page.pollIntervalSeconds());
            return;
        }
        String head = page.body().get(0).path("sha").asText();
        boolean resuming = cursor.target() != null && !cursor.target().equals(cursor.base());
        if (resuming && !head.equals(cursor.target())) {
            // Finish the interrupted walk first; the newer head is picked up by the next round.
            target = cursor.target();
            walking = true;
            nextLink = repoPath + "/commits?per_page=" + pageSize + "&sha=" + enc(target);
            return;
        }
        if (!resuming && head.equals(cursor.base())) {
            complete(page.etag(), HEAD_KEY, page.pollIntervalSeconds());
            return;
        }
        target = head;
        headEtag = page.etag();
        walking = true;
        walk(page, factory);
    }

    private void walk(final GitHubResponse page, final GitHubEvents factory) {
        boolean stop = false;
        for (JsonNode commit : page.body()) {
            String sha = commit.path("sha").asText();
            if (sha.equals(cursor.base())) {
                stop = true;
                break;
            }
            Optional<Candidate> c = factory.commit(commit, branch);
            if (c.isEmpty()) {
                continue;
            }
            if (configuredSince.map(c.get().at()::isBefore).orElse(false)) {
                stop = true;
                break;
            }
            collected.add(c.get());
        }
        nextLink = stop ? null : page.nextLink();
        if (nextLink != null) {
            return;
        }
        Collections.reverse(collected);
        int from = 0;
        if (cursor.last() != null && target.equals(cursor.target())) {
            for (int i = 0; i < collected.size(); i++) {
                if (collected.get(i).id().equals(cursor.last())) {
                    from = i + 1;
                    break;
                }
            }
        }
        List<Candidate> ready = new ArrayList<>();
        String walkTarget = target;
        String base = cursor.base();
        for (int i = from; i < collected.size(); i++) {
            Candidate c = collected.get(i);
            boolean lastOfWalk = i == collected.size() - 1;
            String sha = c.id();
            ready.add(new Candidate(c.at(), sha, c.event(),
                    cur -> cur.nextSeq().withCommits(lastOfWalk ? walkTarget : base, walkTarget, sha)));
        }
        offer(ready);
        // headEtag is null when this walk finished an interrupted one: the head it saw is left for the next round.
        complete(headEtag, HEAD_KEY, 0);
        if (ready.isEmpty()) {
            // Nothing left to emit, but the walk is done: the base moves in memory.
            cursor = cursor.withCommits(walkTarget, walkTarget, cursor.last());
        }
    }
}
