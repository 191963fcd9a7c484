package dev.episodic.connect.filesystem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.episodic.connect.common.event.EpisodicEvent;
import dev.episodic.connect.common.event.EventJson;
import dev.episodic.connect.common.metrics.MetricNames;
import dev.episodic.connect.common.testkit.SourceTaskDriver;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.connect.errors.ConnectException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GitCommitSourceTaskTest {
    @TempDir
    Path dir;
    private SourceTaskDriver<GitCommitSourceTask> harness;

    @AfterEach
    void stop() {
        if (harness != null) {
            harness.stop();
        }
    }

    private SourceTaskDriver<GitCommitSourceTask> harness(final GitActivity repo, final String... extra) {
        harness = driver(repo, extra).start();
        return harness;
    }

    private static SourceTaskDriver<GitCommitSourceTask> driver(final GitActivity repo, final String... extra) {
        Map<String, String> props = new java.util.HashMap<>(Map.of("git.repositories", repo.dir().toString(),
                "source.id", "test-git", "poll.interval.ms", "100"));
        for (int i = 0; i < extra.length; i += 2) {
            props.put(extra[i], extra[i + 1]);
        }
        return new SourceTaskDriver<>(GitCommitSourceConnector::new, GitCommitSourceTask::new, props);
    }

    private static List<String> types(final List<EpisodicEvent> events) {
        return events.stream().map(EpisodicEvent::eventType).collect(Collectors.toList());
    }

    private static void assertSequencesFrom(final List<EpisodicEvent> events, final long first) {
        for (int i = 0; i < events.size(); i++) {
            assertThat(events.get(i).sequence()).isEqualTo(first + i);
        }
    }

    @Test
    void fullSyncEmitsEachCommitOnceParentsFirstAcrossBranches() throws Exception {
        GitActivity repo = GitActivity.init(dir.resolve("repo"));
        List<String> main = repo.commits("main", null, 3);
        List<String> feature = repo.commits("feature", main.get(1), 2);
        repo.git("checkout", "-q", "main");
        repo.git("-c", "user.name=M", "-c", "user.email=m@example.com", "merge", "-q", "--no-ff", "-m", "Merge feature", "feature");
        List<EpisodicEvent> events = harness(repo).drain();

        assertThat(types(events)).containsExactly("branch_created", "branch_created",
                "commit", "commit", "commit", "commit", "commit", "commit");
        assertSequencesFrom(events, 1);
        List<EpisodicEvent> commits = events.stream().filter(e -> e.eventType().equals("commit")).collect(Collectors.toList());
        Set<String> seen = new HashSet<>();
        for (EpisodicEvent c : commits) {
            for (String parent : c.attributes().get("parents").split(" ")) {
                if (!parent.isEmpty()) {
                    assertThat(seen).as("parent %s before %s", parent, c.attributes().get("sha")).contains(parent);
                }
            }
            assertThat(seen.add(c.attributes().get("sha"))).isTrue();
        }
        assertThat(seen).containsAll(main).containsAll(feature);
        EpisodicEvent merge = commits.get(commits.size() - 1);
        assertThat(merge.attributes()).containsEntry("merge", "true").containsEntry("files_changed", "2");
        assertThat(merge.eventId()).isEqualTo("git:repo:" + merge.attributes().get("sha"));
        assertThat(merge.subject()).isEqualTo("Merge feature");

        EpisodicEvent first = commits.get(0);
        assertThat(first.actor()).isEqualTo("ada@example.com");
        assertThat(first.occurredAt().getEpochSecond()).isEqualTo(1_700_000_060L);
        String numstat = repo.git("show", "--numstat", "--format=", first.attributes().get("sha")).trim();
        assertThat(first.attributes().get("lines_added") + "\t" + first.attributes().get("lines_deleted"))
                .isEqualTo(numstat.substring(0, numstat.lastIndexOf('\t')));
        assertThat(first.attributes())
                .containsEntry("author_name", "Ada Lovelace").containsEntry("merge", "false");
        assertThat(EventJson.mapper().readTree(first.payload()).path("files").get(0).path("change_type").asText()).isEqualTo("add");
    }

    @Test
    void incrementalSyncEmitsOnlyNewCommitsContinuingTheSequence() throws Exception {
        GitActivity repo = GitActivity.init(dir.resolve("repo"));
        repo.commits("main", null, 4);
        SourceTaskDriver<GitCommitSourceTask> h = harness(repo);
        assertThat(h.drain()).hasSize(5);
        List<String> added = repo.commits("main", null, 2);
        Thread.sleep(150);
        List<EpisodicEvent> next = h.drain();
        assertThat(next).extracting(e -> e.attributes().get("sha")).containsExactlyElementsOf(added);
        assertSequencesFrom(next, 6);
        String stream = next.get(0).stream();
        assertThat(h.metric(MetricNames.EVENTS_EMITTED)).isEqualTo(7);
        assertThat(h.streamMetric(MetricNames.STREAM_LAST_SEQUENCE, stream)).isEqualTo(7);
        assertThat(h.streamMetric(MetricNames.STREAM_LAG_MS, stream)).isNotNegative();
        // Each round reads the branch tips once; a round that finds them unchanged counts as "not modified".
        assertThat(h.drainUntilQuiet(2, Duration.ofMillis(150), Duration.ofSeconds(10))).isEmpty();
        assertThat(h.metric(MetricNames.SOURCE_NOT_MODIFIED)).isPositive();
        assertThat(h.metric(MetricNames.SOURCE_REQUESTS)).isGreaterThan(h.metric(MetricNames.SOURCE_NOT_MODIFIED));
        // After a restart nothing is repeated.
        h.start();
        assertThat(h.drain()).isEmpty();
        assertThat(h.metric(MetricNames.EVENTS_EMITTED)).isZero();
    }

    @Test
    void forcePushAndDeletedBranchBecomeEvents() throws Exception {
        GitActivity repo = GitActivity.init(dir.resolve("repo"));
        List<String> main = repo.commits("main", null, 3);
        repo.commits("topic", main.get(2), 1);
        SourceTaskDriver<GitCommitSourceTask> h = harness(repo);
        assertThat(h.drain()).hasSize(2 + 4);
        String oldTip = repo.tip("main");
        repo.git("branch", "-D", "topic");
        List<String> rewritten = repo.commits("main", main.get(0), 2);  // main now forks from its first commit
        Thread.sleep(150);
        List<EpisodicEvent> next = h.drain();
        assertThat(types(next)).containsExactly("branch_deleted", "history_rewritten", "commit", "commit");
        assertThat(next.get(0).attributes()).containsEntry("branch", "topic");
        assertThat(next.get(1).attributes()).containsEntry("old_sha", oldTip).containsEntry("new_sha", rewritten.get(1));
        assertThat(next.subList(2, 4)).extracting(e -> e.attributes().get("sha")).containsExactlyElementsOf(rewritten);
        assertSequencesFrom(next, 7);
    }

    @Test
    void restartMidSyncResumesExactlyWhereTheCommittedOffsetStands() throws Exception {
        GitActivity repo = GitActivity.init(dir.resolve("repo"));
        repo.commits("main", null, 40);
        SourceTaskDriver<GitCommitSourceTask> full = driver(repo).start();
        List<EpisodicEvent> reference = full.drain();
        full.stop();

        SourceTaskDriver<GitCommitSourceTask> h = harness(repo, "batch.max.events", "7");
        List<EpisodicEvent> got = new ArrayList<>(h.pollOnce());
        got.addAll(h.pollOnce());
        h.start();  // a restart after two committed batches
        got.addAll(h.drain());
        assertThat(got).extracting(EpisodicEvent::eventId).containsExactlyElementsOf(
                reference.stream().map(EpisodicEvent::eventId).collect(Collectors.toList()));
        assertSequencesFrom(got, 1);
    }

    @Test
    void corruptCursorFallsBackToFullSync() throws Exception {
        GitActivity repo = GitActivity.init(dir.resolve("repo"));
        repo.commits("main", null, 3);
        SourceTaskDriver<GitCommitSourceTask> h = harness(repo);
        assertThat(h.drain()).hasSize(4);
        h.committed().replaceAll((p, o) -> Map.of("v", 1, "seq", "not-a-number"));
        h.start();
        List<EpisodicEvent> again = h.drain();
        assertThat(again).hasSize(4);
        assertSequencesFrom(again, 1);
    }

    @Test
    void sinceAndPathFiltersLimitWhatIsEmitted() throws Exception {
        GitActivity repo = GitActivity.init(dir.resolve("repo"));
        repo.commits("main", null, 30);
        // Commits are one minute apart from 1_700_000_060; keep the last ten.
        String since = java.time.Instant.ofEpochSecond(1_700_000_000L + 21 * 60).toString();
        List<EpisodicEvent> recent = harness(repo, "git.since", since).drain();
        assertThat(types(recent).stream().filter("commit"::equals).count()).isEqualTo(10);
        harness.stop();

        List<EpisodicEvent> onlyFile3 = harness(repo, "git.paths.include", "src/file3.txt").drain();
        List<EpisodicEvent> commits = onlyFile3.stream().filter(e -> e.eventType().equals("commit")).collect(Collectors.toList());
        assertThat(commits).hasSize(2); // changes 3 and 23 touch src/file3.txt
        assertThat(commits).allSatisfy(c -> assertThat(c.payload()).contains("src/file3.txt").doesNotContain("file4"));
    }

    @Test
    void vanishedRepositoryFailsTheTaskNamingThePath() throws Exception {
        GitActivity repo = GitActivity.init(dir.resolve("repo"));
        repo.commits("main", null, 2);
        SourceTaskDriver<GitCommitSourceTask> h = harness(repo);
        h.drain();
        h.stop();
        deleteTree(repo.dir());
        assertThatThrownBy(() -> h.start().drain()).isInstanceOf(ConnectException.class)
                .hasMessageContaining(repo.dir().toString()).hasMessageContaining("git.repositories");
    }

    private static void deleteTree(final Path root) throws java.io.IOException {
        try (var paths = Files.walk(root)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
