package dev.episodic.connect.github;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.episodic.connect.common.connector.TaskAssignments;
import dev.episodic.connect.common.testkit.github.FakeGitHub;
import dev.episodic.connect.common.testkit.github.FakeRepo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The quota benchmark of the issue, against the fake GitHub: 50 repositories × every resource. It measures the
 * requests a full sync spends per resource against the floor {@code ceil(items / page size)} per stream (for
 * reviews: the pull-request pages plus one review list per pull request, since GitHub lists reviews only per pull
 * request), and the quota an idle poll round of all streams spends. Targets: at most 1.2× the floor, and 0.
 * A last round reopens one issue and one pull request per repository, and reports what reading those reopens
 * costs (the list pages plus the issue-events timeline each of the two streams walks). The figures are written to
 * {@code target/github-quota-benchmark.txt}.
 */
class QuotaBenchmarkTest {
    private static final int REPOS = Integer.getInteger("bench.repos", 50);
    private static final int PAGE = 100;

    @Test
    void fullSyncStaysNearTheFloorAndAnIdleRoundIsFree() throws Exception {
        String token = "ghp_bench_" + Long.toHexString(System.nanoTime());
        try (FakeGitHub github = FakeGitHub.start(token)) {
            Map<String, Long> floor = new LinkedHashMap<>();
            List<String> repos = new ArrayList<>();
            long items = 0;
            List<FakeRepo> models = new ArrayList<>();
            List<ObjectNode> firstIssues = new ArrayList<>();
            List<ObjectNode> firstPulls = new ArrayList<>();
            for (int r = 0; r < REPOS; r++) {
                FakeRepo repo = github.createRepo("bench", "repo" + r);
                models.add(repo);
                repos.add(repo.fullName());
                int issues = 120 + r;
                int pulls = 40;
                List<ObjectNode> issueNodes = new ArrayList<>();
                for (int i = 0; i < issues; i++) {
                    issueNodes.add(repo.openIssue("i" + i));
                }
                firstIssues.add(issueNodes.get(0));
                for (int i = 0; i < pulls; i++) {
                    ObjectNode pr = repo.openPull("p" + i);
                    if (i == 0) {
                        firstPulls.add(pr);
                    }
                    if (i < 5) {
                        repo.review(pr, "APPROVED");
                    }
                    if (i < 30) {
                        repo.reviewComment(pr, "rc" + i);
                    }
                }
                for (int i = 0; i < 60; i++) {
                    repo.comment(issueNodes.get(i), "c" + i);
                }
                for (int i = 0; i < 10; i++) {
                    repo.release("v" + i);
                }
                for (int i = 0; i < 30; i++) {
                    repo.event("PushEvent");
                }
                for (int i = 0; i < 150 + r; i++) {
                    repo.commit("main", "m" + i);
                }
                add(floor, "issues", pages(issues + pulls));
                add(floor, "pull_requests", pages(pulls));
                add(floor, "issue_comments", pages(60));
                add(floor, "review_comments", pages(30));
                add(floor, "pull_request_reviews", pages(pulls) + pulls);
                add(floor, "releases", pages(10));
                add(floor, "events", pages(30));
                add(floor, "commits", pages(150 + r));
                items += issues + pulls + 5 + 30 + 60 + 10 + 30 + 150 + r;
            }
            long expectedEvents = items;
            Map<String, String> props = new HashMap<>();
            props.put("name", "bench");
            props.put(GitHubConfig.REPOSITORIES, "bench/*");
            props.put(GitHubConfig.TASK_REPOSITORIES, TaskAssignments.encode(repos));
            props.put(GitHubConfig.TOKEN, token);
            props.put(GitHubConfig.API_URL, github.url());
            props.put(GitHubConfig.RATE_LIMIT_RESERVE, "0");
            props.put("batch.max.events", "2000");
            props.put("poll.interval.ms", "100");
            props.put("include.payload", "false");
            try (TaskHarness h = new TaskHarness(props)) {
                h.start();
                long start = System.nanoTime();
                h.pollUntil(() -> h.records.size() >= expectedEvents, 100_000);
                long syncMs = (System.nanoTime() - start) / 1_000_000;
                assertThat(h.records).hasSize((int) expectedEvents);
                GitHubSourceTaskTest.assertDense(h.records);
                Map<String, Long> spent = byResource(github.quotaLog());

                // One more round of every stream: nothing changed, so every first request is a free 304.
                long quotaBefore = github.quotaUsed();
                long notModifiedBefore = github.notModified();
                Thread.sleep(1_100);
                h.pollUntil(() -> github.notModified() - notModifiedBefore >= (long) REPOS * 8, 1_000);
                long idleQuota = github.quotaUsed() - quotaBefore;
                long idle304 = github.notModified() - notModifiedBefore;

                // A round of reopens: one issue and one pull request closed and reopened in every repository.
                for (int r = 0; r < REPOS; r++) {
                    models.get(r).closeIssue(firstIssues.get(r));
                    models.get(r).reopenIssue(firstIssues.get(r));
                    models.get(r).closePull(firstPulls.get(r));
                    models.get(r).reopenPull(firstPulls.get(r));
                }
                int quotaLogBefore = github.quotaLog().size();
                long eventsBefore = h.records.size();
                h.pollUntil(() -> h.records.size() >= eventsBefore + 2L * REPOS, 10_000);
                h.poll(20);
                List<String> reopenLog = github.quotaLog().subList(quotaLogBefore, github.quotaLog().size());
                long reopenEvents = h.records.size() - eventsBefore;
                long reopened = h.records.subList((int) eventsBefore, h.records.size()).stream()
                        .filter(rec -> TaskHarness.type(rec).endsWith("_reopened")).count();
                Map<String, Long> reopenSpent = byResource(reopenLog);

                StringBuilder report = new StringBuilder();
                report.append(String.format("%d repositories, %d events, full sync in %d ms%n", REPOS, expectedEvents, syncMs));
                report.append(String.format("%-22s %9s %9s %7s%n", "resource", "requests", "floor", "ratio"));
                long totalSpent = 0;
                long totalFloor = 0;
                for (Map.Entry<String, Long> f : floor.entrySet()) {
                    long s = spent.getOrDefault(f.getKey(), 0L);
                    totalSpent += s;
                    totalFloor += f.getValue();
                    report.append(String.format("%-22s %9d %9d %7.3f%n", f.getKey(), s, f.getValue(), (double) s / f.getValue()));
                }
                report.append(String.format("%-22s %9d %9d %7.3f%n", "total", totalSpent, totalFloor, (double) totalSpent / totalFloor));
                report.append(String.format("requests per 1,000 events: %.1f (floor %.1f)%n",
                        1000.0 * totalSpent / expectedEvents, 1000.0 * totalFloor / expectedEvents));
                report.append(String.format("idle round of all %d streams: %d quota spent, %d answers 304%n",
                        REPOS * 8, idleQuota, idle304));
                report.append(String.format("reopen round (%d issues + %d pull requests reopened): %d events (%d "
                        + "*_reopened), %d quota spent: %s%n", REPOS, REPOS, reopenEvents, reopened, reopenLog.size(),
                        new java.util.TreeMap<>(reopenSpent)));
                Files.createDirectories(Path.of("target"));
                Files.writeString(Path.of("target", "github-quota-benchmark.txt"), report.toString());
                System.out.print(report);

                assertThat(idleQuota).as("quota spent by an idle round").isZero();
                assertThat(idle304).isGreaterThanOrEqualTo((long) REPOS * 8);
                assertThat(reopenEvents).isEqualTo(2L * REPOS);
                assertThat(reopened).isEqualTo(2L * REPOS);
                GitHubSourceTaskTest.assertDense(h.records);
                for (Map.Entry<String, Long> f : floor.entrySet()) {
                    assertThat((double) spent.getOrDefault(f.getKey(), 0L)).as(f.getKey() + " requests vs floor")
                            .isLessThanOrEqualTo(1.2 * f.getValue());
                }
            }
        }
    }

    private static long pages(final long items) {
        return Math.max(1, (items + PAGE - 1) / PAGE);
    }

    private static void add(final Map<String, Long> map, final String key, final long value) {
        map.merge(key, value, Long::sum);
    }

    /** Requests by the resource they read; review lists and the pull-request pages of the reviews reader count as reviews. */
    private static Map<String, Long> byResource(final List<String> log) {
        Map<String, Long> spent = new HashMap<>();
        for (String request : log) {
            String path = request.contains("?") ? request.substring(0, request.indexOf('?')) : request;
            String resource;
            if (path.endsWith("/reviews")) {
                resource = "pull_request_reviews";
            } else if (path.endsWith("/issues/events")) {
                resource = "issue_events_timeline";
            } else if (path.endsWith("/issues/comments")) {
                resource = "issue_comments";
            } else if (path.endsWith("/pulls/comments")) {
                resource = "review_comments";
            } else if (path.endsWith("/issues")) {
                resource = "issues";
            } else if (path.endsWith("/pulls")) {
                // Both the pull-request stream and the reviews stream list pull requests; they ask the same URL.
                resource = "pulls";
            } else if (path.endsWith("/releases")) {
                resource = "releases";
            } else if (path.endsWith("/events")) {
                resource = "events";
            } else if (path.endsWith("/commits")) {
                resource = "commits";
            } else {
                resource = "other";
            }
            spent.merge(resource, 1L, Long::sum);
        }
        long pulls = spent.getOrDefault("pulls", 0L);
        // The two readers list pull requests alike: half of those pages are the PR stream's, half the reviews'.
        spent.put("pull_requests", pulls / 2);
        spent.merge("pull_request_reviews", pulls - pulls / 2, Long::sum);
        spent.remove("pulls");
        return spent;
    }
}
