package dev.episodic.connect.github.stream;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.episodic.connect.common.event.EpisodicEvent;
import dev.episodic.connect.github.client.GitHubClient;
import dev.episodic.connect.github.fake.RecordedGitHub;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** Real recorded GitHub objects (shared/fixtures/github, replayed on loopback) turned into events. */
class GitHubEventsReplayTest {
    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
    private final GitHubEvents events = new GitHubEvents("src", "github:o/r:x", "o/r", true, NOW);

    private static JsonNode get(final String scenario, final String... paths) throws Exception {
        try (RecordedGitHub github = RecordedGitHub.start(scenario)) {
            GitHubClient client = new GitHubClient(github.url(), "ghp_replay", 0, Duration.ofSeconds(5), Clock.systemUTC());
            JsonNode last = null;
            for (String path : paths) {
                last = client.get(path, null).body();
            }
            return last;
        }
    }

    private static List<EpisodicEvent> map(final JsonNode list, final Function<JsonNode, Optional<Candidate>> mapper) {
        List<EpisodicEvent> result = new ArrayList<>();
        for (JsonNode item : list) {
            mapper.apply(item).ifPresent(c -> result.add(c.event()));
        }
        return result;
    }

    @Test
    void issuesLeavePullRequestsOutAndCarryTheirVersion() throws Exception {
        JsonNode page = get("issues-list-paginated", "/repos/hub4j/github-api/issues?state=closed");
        long plainIssues = 0;
        for (JsonNode item : page) {
            plainIssues += item.has("pull_request") ? 0 : 1;
        }
        List<EpisodicEvent> issues = map(page, events::issue);
        assertThat(issues).hasSize((int) plainIssues).isNotEmpty();
        assertThat(issues).extracting(EpisodicEvent::eventType)
                .allMatch(t -> t.equals("issue_closed") || t.equals("issue_updated"));
        assertThat(issues).extracting(EpisodicEvent::eventId).doesNotHaveDuplicates()
                .allMatch(id -> id.matches("github:issue:\\d+:\\d{4}-\\d\\d-\\d\\dT.*Z"));
        assertThat(issues.get(0).attributes()).containsEntry("state", "closed").containsKey("number");
        assertThat(issues.get(0).payload()).startsWith("{");
    }

    @Test
    void commitsCarryShaParentsAndCommitterDate() throws Exception {
        JsonNode page = get("commits-paginated",
                "/repos/jenkinsci/jenkins/commits?path=pom.xml&per_page=100&author=kohsuke%4071c3de6d-444a-0410-be80-ed276b4c234a");
        List<EpisodicEvent> commits = map(page, c -> events.commit(c, null));
        assertThat(commits).hasSize(100);
        EpisodicEvent first = commits.get(0);
        JsonNode raw = page.get(0);
        assertThat(first.eventType()).isEqualTo("commit");
        assertThat(first.attributes()).containsEntry("sha", raw.get("sha").asText())
                .containsEntry("parents", raw.path("parents").get(0).path("sha").asText());
        assertThat(first.occurredAt()).isEqualTo(Instant.parse(raw.path("commit").path("committer").path("date").asText()));
        assertThat(first.content()).isEqualTo(raw.path("commit").path("message").asText());
    }

    @Test
    void pullRequestsReleasesAndRepositoryEvents() throws Exception {
        List<EpisodicEvent> pulls = map(get("pulls-list", "/repos/hub4j-test-org/github-api/pulls?state=open"),
                events::pullRequest);
        assertThat(pulls).hasSize(2).extracting(EpisodicEvent::eventType).allMatch(t -> t.startsWith("pull_request_"));
        assertThat(pulls.get(0).attributes()).containsKeys("head", "base", "number").containsEntry("merged", "false");

        List<EpisodicEvent> releases = map(get("releases-list", "/repos/github/hub/releases"), events::release);
        assertThat(releases).hasSize(30).extracting(EpisodicEvent::eventType).containsOnly("release_published");
        assertThat(releases.get(0).attributes()).containsKey("tag");

        List<EpisodicEvent> feed = map(get("public-events-paginated", "/events"), events::repositoryEvent);
        assertThat(feed).hasSize(30);
        assertThat(feed).extracting(EpisodicEvent::eventType).allMatch(t -> t.matches("[a-z_]+"))
                .doesNotContain("unknown");
        assertThat(feed).extracting(e -> e.attributes().get("github_type")).allMatch(t -> t.endsWith("Event"));
    }

    @Test
    void reviewsAndCommentsOfRecordedPullRequestsAndIssues() throws Exception {
        String reviewsPath = "/repos/hub4j-test-org/github-api/pulls/482/reviews";
        JsonNode recordedReviews = get("pull-reviews", reviewsPath, reviewsPath);
        // The recording holds one PENDING review: not submitted, so not an event yet.
        assertThat(recordedReviews).singleElement().satisfies(r -> assertThat(r.path("state").asText()).isEqualTo("PENDING"));
        assertThat(map(recordedReviews, r -> events.review(r, "482"))).isEmpty();
        com.fasterxml.jackson.databind.node.ObjectNode submitted = recordedReviews.get(0).deepCopy();
        submitted.put("state", "APPROVED").put("submitted_at", "2023-06-14T09:00:00Z");
        assertThat(events.review(submitted, "482")).hasValueSatisfying(c -> {
            assertThat(c.event().eventType()).isEqualTo("review_submitted");
            assertThat(c.event().attributes()).containsEntry("state", "APPROVED").containsEntry("number", "482");
            assertThat(c.event().eventId()).isEqualTo("github:review:2121304234:2023-06-14T09:00:00Z");
        });

        String commentsPath = "/repos/hub4j-test-org/github-api/pulls/484/comments";
        List<EpisodicEvent> reviewComments = map(get("pull-review-comments", commentsPath, commentsPath),
                events::reviewComment);
        assertThat(reviewComments).hasSize(3).allSatisfy(c -> {
            assertThat(c.eventType()).isIn("review_comment_created", "review_comment_edited");
            assertThat(c.attributes()).containsKey("path").containsEntry("number", "484");
        });

        String issuePath = "/repos/hub4j-test-org/GHIssueTest/issues/15/comments?since=2022-09-22T10%3A48%3A18Z";
        List<EpisodicEvent> comments = map(get("issue-comments", issuePath), events::issueComment);
        assertThat(comments).singleElement().satisfies(c -> {
            assertThat(c.eventType()).isEqualTo("issue_comment_created");
            assertThat(c.sessionId()).isEqualTo("issue#15");
        });
    }

    @Test
    void githubEventTypesBecomeSnakeCase() {
        assertThat(GitHubEvents.eventType("PushEvent")).isEqualTo("push");
        assertThat(GitHubEvents.eventType("PullRequestReviewCommentEvent")).isEqualTo("pull_request_review_comment");
        assertThat(GitHubEvents.eventType("CreateEvent")).isEqualTo("create");
    }

    /**
     * The recorded issue-events timeline (14 pages, followed by {@code Link} in GitHub's {@code /repositories/{id}}
     * form) has the shape the reopen walk relies on: newest first with ids that grow with time, so a walk may stop
     * at the first entry older than the watermark; each entry names its issue by id and number, and a pull
     * request's by its {@code pull_request} key. A reopen built from such an entry takes its instant and actor.
     */
    @Test
    void theRecordedIssueEventsTimelineIsNewestFirstAndNamesItsIssues() throws Exception {
        try (RecordedGitHub github = RecordedGitHub.start("issue-events-paginated")) {
            GitHubClient client = new GitHubClient(github.url(), "ghp_replay", 0, Duration.ofSeconds(5), Clock.systemUTC());
            List<JsonNode> entries = new ArrayList<>();
            String next = "/repos/hub4j-test-org/github-api/issues/events";
            int pages = 0;
            while (next != null) {
                var page = client.get(next, null);
                page.body().forEach(entries::add);
                next = page.nextLink();
                pages++;
            }
            assertThat(pages).isEqualTo(14);
            for (int i = 1; i < entries.size(); i++) {
                JsonNode newer = entries.get(i - 1);
                JsonNode older = entries.get(i);
                assertThat(Instant.parse(older.get("created_at").asText()))
                        .isBeforeOrEqualTo(Instant.parse(newer.get("created_at").asText()));
                assertThat(older.get("id").asLong()).isLessThan(newer.get("id").asLong());
            }
            assertThat(entries).allSatisfy(e -> assertThat(e.path("issue").has("id") && e.path("issue").has("number"))
                    .isTrue());
            assertThat(entries).anyMatch(e -> e.path("issue").has("pull_request"))
                    .anyMatch(e -> !e.path("issue").has("pull_request"));

            JsonNode closed = entries.stream().filter(e -> "closed".equals(e.get("event").asText())).findFirst()
                    .orElseThrow();
            Reopen asReopen = new Reopen(Instant.parse(closed.get("created_at").asText()), closed.get("id").asText(),
                    closed.get("issue").get("id").asText(), closed.get("issue").get("number").asText(),
                    closed.get("actor").get("login").asText(), closed);
            EpisodicEvent e = events.reopened("issue", asReopen.issueId(), asReopen, Optional.empty()).event();
            assertThat(e.eventType()).isEqualTo("issue_reopened");
            assertThat(e.eventId()).isEqualTo("github:issue:" + asReopen.issueId() + ":" + asReopen.at());
            assertThat(e.occurredAt()).isEqualTo(asReopen.at());
            assertThat(e.actor()).isEqualTo(asReopen.actor());
        }
    }
}
