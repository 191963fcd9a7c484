package dev.episodic.connect.github.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.episodic.connect.common.testkit.ManualClock;
import com.fasterxml.jackson.databind.JsonNode;
import dev.episodic.connect.common.task.RateLimitedException;
import dev.episodic.connect.common.task.RetryLaterException;
import dev.episodic.connect.github.fake.RecordedGitHub;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The HTTP layer against real recorded GitHub answers (shared/fixtures/github), replayed on loopback. */
class GitHubClientReplayTest {
    private final String token = "ghp_secret_" + UUID.randomUUID().toString().replace("-", "");
    private final List<String> messages = new ArrayList<>();
    private RecordedGitHub github;

    @AfterEach
    void tokenNeverLeaks() {
        for (String m : messages) {
            assertThat(m).doesNotContain(token).doesNotContain(token.substring(4, 20));
        }
        if (github != null) {
            assertThat(github.requestHeaders()).allSatisfy(h ->
                    assertThat(h.get("Authorization")).containsExactly("Bearer " + token));
            github.close();
        }
    }

    private GitHubClient client(final String scenario, final long reserve, final Clock clock) throws Exception {
        github = RecordedGitHub.start(scenario);
        return new GitHubClient(github.url(), token, reserve, Duration.ofSeconds(5), clock);
    }

    private GitHubClient client(final String scenario) throws Exception {
        return client(scenario, 0, Clock.systemUTC());
    }

    private <T extends Throwable> T capture(final Class<T> type, final ThrowingCall call) {
        try {
            call.run();
        } catch (Throwable t) {
            messages.add(String.valueOf(t.getMessage()));
            assertThat(t).isInstanceOf(type);
            return type.cast(t);
        }
        throw new AssertionError("expected " + type.getSimpleName());
    }

    interface ThrowingCall {
        void run() throws Exception;
    }

    @Test
    void followsLinkPaginationAcrossTwentyOnePagesOfIssues() throws Exception {
        GitHubClient client = client("issues-list-paginated");
        String next = "/repos/hub4j/github-api/issues?state=closed";
        int pages = 0;
        int items = 0;
        int pullRequests = 0;
        while (next != null) {
            GitHubResponse page = client.get(next, null);
            pages++;
            items += page.body().size();
            for (JsonNode issue : page.body()) {
                pullRequests += issue.has("pull_request") ? 1 : 0;
            }
            assertThat(page.etag()).isNotBlank();
            next = page.nextLink();
        }
        assertThat(pages).isEqualTo(21);
        assertThat(items).isEqualTo(20 * 30 + 6);
        assertThat(pullRequests).isPositive();
        assertThat(github.requests().get(1)).isEqualTo("/repositories/617210/issues?state=closed&page=2");
        assertThat(client.requestCount()).isEqualTo(21);
    }

    @Test
    void followsCommitPagesOfOneHundred() throws Exception {
        GitHubClient client = client("commits-paginated");
        String next = "/repos/jenkinsci/jenkins/commits?path=pom.xml&per_page=100&author=kohsuke%4071c3de6d-444a-0410-be80-ed276b4c234a";
        List<Integer> sizes = new ArrayList<>();
        while (next != null) {
            GitHubResponse page = client.get(next, null);
            sizes.add(page.body().size());
            assertThat(page.body().get(0).path("sha").asText()).hasSize(40);
            next = page.nextLink();
        }
        assertThat(sizes).containsExactly(100, 100, 100, 100, 100, 100, 48);
    }

    @Test
    void conditionalRequestsAnswer304WithoutBodyAndCountAsFree() throws Exception {
        GitHubClient client = client("conditional-304-etag");
        GitHubResponse first = client.get("/repos/hub4j-test-org/github-api", null);
        assertThat(first.status()).isEqualTo(200);
        assertThat(first.etag()).isEqualTo("W/\"295ae3430c604f3d10b6eb145fe511b5\"");
        GitHubResponse second = client.get("/repos/hub4j-test-org/github-api", first.etag());
        assertThat(second.notModified()).isTrue();
        assertThat(second.body()).isNull();
        assertThat(second.etag()).contains("295ae3430c604f3d10b6eb145fe511b5");
        assertThat(client.notModifiedCount()).isEqualTo(1);
        assertThat(github.requestHeaders().get(1).get("If-None-Match")).containsExactly(first.etag());
    }

    @Test
    void primaryLimitWaitsUntilResetMeasuredAgainstServerDate() throws Exception {
        ManualClock clock = ManualClock.fixedAt(Instant.now());
        GitHubClient client = client("ratelimit-primary-403-remaining-0", 0, clock);
        RateLimitedException e = capture(RateLimitedException.class,
                () -> client.get("/repos/hub4j-test-org/temp-testHandler_Wait", null));
        assertThat(e.retryAfter()).hasValueSatisfying(d -> assertThat(d).isBetween(Duration.ofSeconds(2), Duration.ofSeconds(5)));
        // Every request of the token now waits, without touching the network.
        int before = github.requests().size();
        capture(RateLimitedException.class, () -> client.get("/repos/hub4j-test-org/temp-testHandler_Wait", null));
        assertThat(github.requests()).hasSize(before);
        clock.advance(e.retryAfter().orElseThrow());
        assertThat(client.get("/repos/hub4j-test-org/temp-testHandler_Wait", null).status()).isEqualTo(200);
    }

    @Test
    void primaryLimitWithoutDateHeaderUsesTheLocalClock() throws Exception {
        GitHubClient client = client("ratelimit-primary-403-remaining-0-no-date");
        RateLimitedException e = capture(RateLimitedException.class,
                () -> client.get("/repos/hub4j-test-org/temp-testHandler_Wait_Missing_Date_Header", null));
        assertThat(e.retryAfter()).hasValueSatisfying(d -> assertThat(d).isBetween(Duration.ofSeconds(1), Duration.ofSeconds(5)));
        assertThat(e.getMessage()).contains("rate limit").contains("403");
    }

    @Test
    void persistentPrimaryLimitKeepsWaitingAndNeverFailsTheTask() throws Exception {
        ManualClock clock = ManualClock.fixedAt(Instant.now());
        GitHubClient client = client("ratelimit-primary-403-remaining-0-persistent", 0, clock);
        for (int i = 0; i < 3; i++) {
            RateLimitedException e = capture(RateLimitedException.class,
                    () -> client.get("/repos/hub4j-test-org/temp-testHandler_WaitStuck", null));
            clock.advance(e.retryAfter().orElseThrow().plusSeconds(1));
        }
    }

    @Test
    void secondaryLimit403HonoursRetryAfterSeconds() throws Exception {
        ManualClock clock = ManualClock.fixedAt(Instant.now());
        GitHubClient client = client("secondary-limit-403-retry-after", 0, clock);
        RateLimitedException e = capture(RateLimitedException.class,
                () -> client.get("/repos/hub4j-test-org/temp-testHandler_Wait", null));
        assertThat(e.retryAfter()).contains(Duration.ofSeconds(2));
        clock.advance(Duration.ofSeconds(2));
        assertThat(client.get("/repos/hub4j-test-org/temp-testHandler_Wait", null).status()).isEqualTo(200);
    }

    @Test
    void secondaryLimitsWithoutRetryAfterWaitAMinute() throws Exception {
        GitHubClient byHeader = client("secondary-limit-403-gh-limited-by");
        RateLimitedException e = capture(RateLimitedException.class,
                () -> byHeader.get("/repos/hub4j-test-org/temp-testHandler_Wait_Secondary_Limits", null));
        assertThat(e.retryAfter()).contains(Duration.ofSeconds(60));
        tokenNeverLeaks();
        github = null;
    }

    @Test
    void secondaryLimitRecognisedByBodyTextAloneAndSearchQuotaDoesNotThrottleCore() throws Exception {
        GitHubClient client = client("secondary-limit-403-body-marker-only", 1000, Clock.systemUTC());
        RateLimitedException e = capture(RateLimitedException.class,
                () -> client.get("/repos/hub4j-test-org/temp-testHandler_Wait_Secondary_Limits_Body_Marker_Only", null));
        assertThat(e.retryAfter()).contains(Duration.ofSeconds(60));
        assertThat(client.budget().remaining()).as("search quota is not the core quota").isNotEqualTo(21);
    }

    @Test
    void tooManyRequestsHonoursRetryAfterInSecondsAndAsHttpDate() throws Exception {
        GitHubClient seconds = client("secondary-limit-429-retry-after-seconds");
        RateLimitedException s = capture(RateLimitedException.class,
                () -> seconds.get("/repos/hub4j-test-org/temp-testHandler_Wait_Secondary_Limits_Too_Many_Requests", null));
        assertThat(s.retryAfter()).contains(Duration.ofSeconds(8));
        github.close();

        GitHubClient date = client("secondary-limit-429-retry-after-http-date");
        RateLimitedException d = capture(RateLimitedException.class,
                () -> date.get("/repos/hub4j-test-org/temp-testHandler_Wait_Secondary_Limits_Too_Many_Requests_Date_Retry_After", null));
        assertThat(d.retryAfter()).hasValueSatisfying(w -> assertThat(w).isBetween(Duration.ofSeconds(7), Duration.ofSeconds(9)));
    }

    @Test
    void tooManyRequestsWithHttpDateAndNoDateHeaderOrNoRetryAfter() throws Exception {
        GitHubClient noDate = client("secondary-limit-429-retry-after-http-date-no-date");
        RateLimitedException d = capture(RateLimitedException.class, () -> noDate.get(
                "/repos/hub4j-test-org/temp-testHandler_Wait_Secondary_Limits_Too_Many_Requests_Date_Retry_After_Missing_Date_Header", null));
        assertThat(d.retryAfter()).hasValueSatisfying(w -> assertThat(w).isBetween(Duration.ofSeconds(6), Duration.ofSeconds(9)));
        github.close();

        GitHubClient none = client("secondary-limit-429-no-retry-after");
        RateLimitedException n = capture(RateLimitedException.class, () -> none.get(
                "/repos/hub4j-test-org/temp-testHandler_Wait_Secondary_Limits_Too_Many_Requests_No_Retry_After", null));
        assertThat(n.retryAfter()).contains(Duration.ofSeconds(60));
    }

    @Test
    void serviceDownHtmlPageIsRetriedNotFatal() throws Exception {
        GitHubClient client = client("server-error-503");
        RetryLaterException e = capture(RetryLaterException.class,
                () -> client.get("/repos/hub4j-test-org/github-api/contents/ghcontent-ro/service-down", null));
        assertThat(e).isNotInstanceOf(RateLimitedException.class);
        assertThat(e.getMessage()).contains("503");
    }

    @Test
    void reserveStopsRequestsUntilTheWindowResets() throws Exception {
        ManualClock clock = ManualClock.fixedAt(Instant.now());
        GitHubClient client = client("ratelimit-primary-403-remaining-0", 4930, clock);
        assertThat(client.get("/user", null).status()).isEqualTo(200);
        assertThat(client.budget().remaining()).isEqualTo(4930);
        int before = github.requests().size();
        RateLimitedException e = capture(RateLimitedException.class, () -> client.get("/user", null));
        assertThat(e.getMessage()).contains("github.rate.limit.reserve=4930");
        assertThat(github.requests()).hasSize(before);
        clock.advance(e.retryAfter().orElseThrow());
        assertThat(client.get("/user", null).status()).isEqualTo(200);
    }

    @Test
    void releasesAndEventsPagesCarryPollIntervalAndNextLinks() throws Exception {
        GitHubClient client = client("public-events-paginated");
        GitHubResponse events = client.get("/events", null);
        assertThat(events.pollIntervalSeconds()).isEqualTo(60);
        assertThat(events.nextLink()).endsWith("/events?page=2").startsWith(github.url());
        assertThat(client.get(events.nextLink(), null).body().size()).isEqualTo(30);
    }

    @Test
    void linksToAnotherHostAreFollowedOnlyByPathOnTheConfiguredHost() throws Exception {
        GitHubClient client = client("releases-list");
        assertThat(client.relativePath("https://evil.example/repos/a/b?page=2")).isEqualTo("/repos/a/b?page=2");
        GitHubClient enterprise = new GitHubClient("https://ghe.local/api/v3/", token, 0, Duration.ofSeconds(1), Clock.systemUTC());
        assertThat(enterprise.relativePath("https://ghe.local/api/v3/repositories/1/releases?page=2"))
                .isEqualTo("/api/v3/repositories/1/releases?page=2");
        assertThat(enterprise.relativePath("/repos/a/b")).isEqualTo("/api/v3/repos/a/b");
        assertThat(client.get("/repos/github/hub/releases", null).body().size()).isEqualTo(30);
    }

    @Test
    void notFoundIsFatalForTheRepositoryAndNamesTheFix() throws Exception {
        GitHubClient client = client("releases-list");
        GitHubApiException e = capture(GitHubApiException.class, () -> client.get("/repos/github/nope", null));
        assertThat(e.isNotFound()).isTrue();
        assertThat(e.getMessage()).contains("/repos/github/nope").contains("github.repositories");
    }
}
