package dev.episodic.connect.github;

import static dev.episodic.connect.github.TaskHarness.id;
import static dev.episodic.connect.github.TaskHarness.seq;
import static dev.episodic.connect.github.TaskHarness.stream;
import static dev.episodic.connect.github.TaskHarness.type;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.episodic.connect.common.testkit.github.FakeRepo;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.Test;

/** The task against the stateful fake GitHub: extraction, cursors, restarts, quota and faults. */
class GitHubSourceTaskTest extends FakeGitHubTaskTest {

    private Map<String, String> props(final String resources, final int pageSize, final int batch, final String... repos) {
        return TaskHarness.props(github.url(), TOKEN, resources, pageSize, batch, repos);
    }

    /** Per stream: sequences 1..N in order and no event id twice. Returns N per stream. */
    static Map<String, Integer> assertDense(final List<SourceRecord> records) {
        Map<String, List<Long>> seqs = new TreeMap<>();
        Set<String> ids = new HashSet<>();
        for (SourceRecord r : records) {
            seqs.computeIfAbsent(stream(r), s -> new ArrayList<>()).add(seq(r));
            assertThat(ids.add(id(r))).as("event id repeated: " + id(r)).isTrue();
        }
        Map<String, Integer> counts = new TreeMap<>();
        seqs.forEach((stream, list) -> {
            for (int i = 0; i < list.size(); i++) {
                assertThat(list.get(i)).as(stream + " position " + (i + 1)).isEqualTo(i + 1L);
            }
            counts.put(stream, list.size());
        });
        return counts;
    }

    @Test
    void everyResourceBecomesItsOwnStreamWithVersionedEvents() throws Exception {
        FakeRepo repo = github.createRepo("acme", "app");
        ObjectNode issue = repo.openIssue("bug");
        ObjectNode pr = repo.openPull("feature");
        ObjectNode comment = repo.comment(issue, "first");
        repo.reviewComment(pr, "nit");
        repo.release("v1.0.0");
        repo.event("PushEvent");
        repo.event("PullRequestReviewCommentEvent");
        repo.commit("main", "initial");
        repo.commit("main", "second\n\nbody");

        TaskHarness h = run(props("commits,pull_requests,issues,issue_comments,pull_request_reviews,review_comments,"
                + "releases,events", 100, 100, "acme/app"));
        h.pollUntil(() -> h.records.size() >= 10, 50);
        // GitHub shows only an entity's current version: each change is read by its own poll.
        repo.editIssue(issue, "bug, retitled");
        h.pollUntil(() -> h.records.size() >= 11, 50);
        repo.editIssue(issue, "bug, retitled again");
        h.pollUntil(() -> h.records.size() >= 12, 50);
        repo.closeIssue(issue);
        repo.review(pr, "APPROVED");
        repo.editComment(comment, "first, edited");
        h.pollUntil(() -> h.records.size() >= 15, 50);
        repo.mergePull(pr);
        h.pollUntil(() -> h.records.size() >= 16, 50);
        h.poll(3);
        Map<String, Integer> counts = assertDense(h.records);
        assertThat(counts).containsEntry("github:acme/app:issues", 4).containsEntry("github:acme/app:pull_requests", 3)
                .containsEntry("github:acme/app:issue_comments", 2).containsEntry("github:acme/app:review_comments", 1)
                .containsEntry("github:acme/app:pull_request_reviews", 1).containsEntry("github:acme/app:releases", 1)
                .containsEntry("github:acme/app:events", 2).containsEntry("github:acme/app:commits", 2);
        assertThat(h.records).hasSize(16);
        assertThat(h.of("github:acme/app:issues")).extracting(TaskHarness::type)
                .containsExactly("issue_opened", "issue_updated", "issue_updated", "issue_closed");
        // Opened, then updated by the review, then merged.
        assertThat(h.of("github:acme/app:pull_requests")).extracting(TaskHarness::type)
                .containsExactly("pull_request_opened", "pull_request_updated", "pull_request_merged");
        assertThat(h.of("github:acme/app:issue_comments")).extracting(TaskHarness::type)
                .containsExactly("issue_comment_created", "issue_comment_edited");
        assertThat(h.of("github:acme/app:events")).extracting(TaskHarness::type)
                .containsExactly("push", "pull_request_review_comment");
        SourceRecord review = h.of("github:acme/app:pull_request_reviews").get(0);
        assertThat(type(review)).isEqualTo("review_submitted");
        assertThat(TaskHarness.value(review).getMap("attributes")).containsEntry("state", "APPROVED");
        List<SourceRecord> commits = h.of("github:acme/app:commits");
        assertThat(TaskHarness.value(commits.get(0)).getString("subject")).isEqualTo("initial");
        assertThat(TaskHarness.value(commits.get(1)).getMap("attributes").get("parents"))
                .isEqualTo(TaskHarness.value(commits.get(0)).getMap("attributes").get("sha"));
        // The issue edited twice: distinct ids, each stable for that version.
        assertThat(h.of("github:acme/app:issues")).extracting(TaskHarness::id).doesNotHaveDuplicates()
                .allMatch(i -> i.startsWith("github:issue:" + issue.get("id").asText() + ":"));
        assertThat(((java.util.Date) TaskHarness.value(h.of("github:acme/app:issues").get(0)).get("occurred_at")).toInstant())
                .as("occurred_at is the version's own time").isEqualTo(Instant.parse(issue.get("created_at").asText()));
    }

    @Test
    void anUnchangedRepositoryCostsNoQuotaEvenAfterARestart() throws Exception {
        FakeRepo repo = github.createRepo("acme", "app");
        for (int i = 0; i < 25; i++) {
            repo.openIssue("issue " + i);
            repo.commit("main", "c" + i);
            repo.release("v" + i);
        }
        ObjectNode pr = repo.openPull("p");
        repo.review(pr, "COMMENTED");
        repo.event("CreateEvent");
        ObjectNode issue = repo.openIssue("x");
        repo.comment(issue, "c");
        repo.reviewComment(pr, "rc");
        TaskHarness h = run(props("commits,pull_requests,issues,issue_comments,pull_request_reviews,review_comments,"
                + "releases,events", 10, 50, "acme/app"));
        h.pollUntil(() -> h.records.size() >= 81, 100);
        assertDense(h.records);
        h.poll(5);
        long used = github.quotaUsed();
        h.poll(10);
        assertThat(github.quotaUsed()).as("idle polls").isEqualTo(used);

        h.restart();
        long before = github.notModified();
        h.poll(10);
        assertThat(github.quotaUsed()).as("idle polls after a restart: conditional from stored ETags").isEqualTo(used);
        assertThat(github.notModified()).isGreaterThanOrEqualTo(before + 8);
        assertThat(h.records).hasSize(81);

        repo.editIssue(issue, "x2");
        h.pollUntil(() -> h.records.size() >= 82, 20);
        assertThat(type(h.records.get(81))).isEqualTo("issue_updated");
        assertDense(h.records);
    }

    @Test
    void restartBetweenPagesNeitherRepeatsNorSkips() throws Exception {
        FakeRepo repo = github.createRepo("acme", "app");
        for (int i = 0; i < 57; i++) {
            repo.openIssue("issue " + i);
            repo.commit("main", "c" + i);
        }
        repo.openPull("p");
        for (int i = 0; i < 23; i++) {
            repo.release("r" + i);
        }
        repo.openPull("q");
        TaskHarness h = run(props("issues,commits,releases,pull_requests", 10, 7, "acme/app"));
        for (int restarts = 0; restarts < 40 && h.records.size() < 57 + 57 + 23 + 2; restarts++) {
            h.poll(2);
            h.restart();
        }
        h.pollUntil(() -> h.records.size() >= 139, 100);
        Map<String, Integer> counts = assertDense(h.records);
        assertThat(counts).containsEntry("github:acme/app:issues", 57).containsEntry("github:acme/app:commits", 57)
                .containsEntry("github:acme/app:releases", 23).containsEntry("github:acme/app:pull_requests", 2);
    }

    @Test
    void equalTimestampsAcrossPagesAreNeitherSkippedNorRepeated() throws Exception {
        FakeRepo repo = github.createRepo("acme", "app");
        repo.openIssue("before");
        github.freezeClock(true);
        for (int i = 0; i < 25; i++) {
            repo.openIssue("tied " + i);
        }
        github.freezeClock(false);
        repo.openIssue("after");
        TaskHarness h = run(props("issues", 10, 4, "acme/app"));
        for (int i = 0; i < 30 && h.records.size() < 27; i++) {
            h.poll(1);
            h.restart();
        }
        h.pollUntil(() -> h.records.size() >= 27, 50);
        h.poll(3);
        assertThat(assertDense(h.records)).containsEntry("github:acme/app:issues", 27);
    }

    @Test
    void issuesStreamLeavesPullRequestsToTheirOwnStream() throws Exception {
        FakeRepo repo = github.createRepo("acme", "app");
        repo.openIssue("i");
        repo.openPull("p");
        TaskHarness h = run(props("issues,pull_requests", 100, 10, "acme/app"));
        h.pollUntil(() -> h.records.size() >= 2, 20);
        h.poll(3);
        assertThat(assertDense(h.records)).containsEntry("github:acme/app:issues", 1)
                .containsEntry("github:acme/app:pull_requests", 1);
    }

    @Test
    void rateLimitWindowCrossedMidSyncWaitsAndLosesNothing() throws Exception {
        FakeRepo repo = github.createRepo("acme", "app");
        for (int i = 0; i < 40; i++) {
            repo.openIssue("issue " + i);
        }
        // Three requests per two-second window: the sync crosses several windows.
        github.setQuota(3, 2);
        TaskHarness h = run(props("issues", 5, 100, "acme/app"));
        long start = System.nanoTime();
        h.pollUntil(() -> h.records.size() >= 40, 5000);
        assertThat(assertDense(h.records)).containsEntry("github:acme/app:issues", 40);
        assertThat((System.nanoTime() - start) / 1_000_000).as("waited for the reset").isGreaterThanOrEqualTo(900);
    }

    @Test
    void tooManyRequestsServerErrorsAndMalformedBodiesDelayButLoseNothing() throws Exception {
        FakeRepo repo = github.createRepo("acme", "app");
        for (int i = 0; i < 30; i++) {
            repo.openIssue("issue " + i);
        }
        TaskHarness h = run(props("issues", 10, 100, "acme/app"));
        h.poll(1);
        github.inject(1, 429, Map.of("Retry-After", "1"), "{\"message\":\"You have exceeded a secondary rate limit\"}");
        github.inject(3, 502, Map.of(), "<html>Bad gateway</html>");
        github.inject(1, 200, Map.of(), "[{\"id\": 1, \"updated_at\": ");
        for (int i = 30; i < 45; i++) {
            repo.openIssue("issue " + i);
        }
        h.pollUntil(() -> h.records.size() >= 45, 5000);
        assertThat(assertDense(h.records)).containsEntry("github:acme/app:issues", 45);
    }

    @Test
    void renamedRepositoryIsFollowedAndKeepsItsStream() throws Exception {
        FakeRepo repo = github.createRepo("acme", "old");
        repo.openIssue("one");
        TaskHarness h = run(props("issues", 100, 10, "acme/old"));
        h.pollUntil(() -> h.records.size() >= 1, 20);
        github.rename(repo, "new");
        repo.openIssue("two");
        h.pollUntil(() -> h.records.size() >= 2, 40);
        assertThat(assertDense(h.records)).containsEntry("github:acme/old:issues", 2);
        assertThat(github.requestLog()).anyMatch(p -> p.startsWith("/repos/acme/new/issues"));
    }

    @Test
    void deletedRepositoryStopsItsStreamsWhileTheOthersGoOn() throws Exception {
        FakeRepo gone = github.createRepo("acme", "gone");
        FakeRepo kept = github.createRepo("acme", "kept");
        gone.openIssue("a");
        kept.openIssue("b");
        TaskHarness h = run(props("issues", 100, 10, "acme/gone", "acme/kept"));
        h.pollUntil(() -> h.records.size() >= 2, 20);
        github.delete(gone);
        kept.openIssue("c");
        h.pollUntil(() -> h.records.size() >= 3, 40);
        kept.openIssue("d");
        h.pollUntil(() -> h.records.size() >= 4, 40);
        assertThat(assertDense(h.records)).containsEntry("github:acme/kept:issues", 3)
                .containsEntry("github:acme/gone:issues", 1);
    }

    @Test
    void configuredBranchesAndSinceLimitTheCommitsRead() throws Exception {
        FakeRepo repo = github.createRepo("acme", "app");
        repo.commit("main", "old");
        ObjectNode devOld = repo.commit("dev", "dev old");
        String since = devOld.path("commit").path("committer").path("date").asText();
        repo.commit("main", "new");
        repo.commit("dev", "dev new");
        Map<String, String> p = props("commits", 100, 10, "acme/app");
        p.put(GitHubConfig.BRANCHES, "main,dev");
        p.put(GitHubConfig.SINCE, since);
        TaskHarness h = run(p);
        h.pollUntil(() -> h.records.size() >= 3, 20);
        h.poll(3);
        assertThat(assertDense(h.records)).containsEntry("github:acme/app:commits:main", 1)
                .containsEntry("github:acme/app:commits:dev", 2);
    }

    @Test
    void aRateLimitedTaskWaitsWithoutRequestsAndStopWakesIt() throws Exception {
        FakeRepo repo = github.createRepo("acme", "app");
        repo.openIssue("one");
        github.inject(1, 429, Map.of("Retry-After", "60"), "{\"message\":\"You have exceeded a secondary rate limit\"}");
        TaskHarness h = run(props("issues", 100, 10, "acme/app"));
        h.task().poll();
        long requests = github.requests();
        for (int i = 0; i < 3; i++) {
            assertThat(h.task().poll()).isNull();
        }
        assertThat(github.requests()).as("no request while the limit lasts").isEqualTo(requests);
        java.util.concurrent.CompletableFuture.runAsync(() -> {
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            h.task().stop();
        });
        long start = System.nanoTime();
        assertThat(h.task().poll()).isNull();
        assertThat((System.nanoTime() - start) / 1_000_000).as("stop() ends the wait").isLessThan(800);
    }
}
