package dev.episodic.connect.filesystem.git;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Walk semantics: order, uniqueness, resume, incremental sync, since, labels, rewrites. */
class CommitWalkTest {

    @TempDir
    Path dir;

    /** main: m1 m2 ... with feature and hotfix branches forked and partly merged. */
    private TestRepo branchy() {
        TestRepo repo = TestRepo.init(dir);
        repo.write("a.txt", "1\n").commit("m1");
        repo.write("a.txt", "2\n").commit("m2");
        repo.git("checkout", "-q", "-b", "feature");
        repo.write("f.txt", "f1\n").commit("f1");
        repo.write("f.txt", "f2\n").commit("f2");
        repo.git("checkout", "-q", "main");
        repo.write("a.txt", "3\n").commit("m3");
        repo.git("merge", "-q", "--no-ff", "-m", "merge feature", "feature");
        repo.git("checkout", "-q", "-b", "hotfix");
        repo.write("h.txt", "h\n").commit("h1");
        repo.git("checkout", "-q", "feature");
        repo.write("f.txt", "f3\n").commit("f3");
        repo.git("checkout", "-q", "main");
        return repo;
    }

    @Test
    void everyCommitOnceParentsFirst() {
        TestRepo repo = branchy();
        List<GitCommit> commits = walk(List.of("*"), Set.of(), 0, WalkOptions.defaults());

        List<String> shas = commits.stream().map(GitCommit::sha).toList();
        assertThat(shas).doesNotHaveDuplicates();
        assertThat(new HashSet<>(shas)).isEqualTo(Set.copyOf(repo.git("rev-list", "--branches").lines().toList()));
        Map<String, Integer> position = new HashMap<>();
        for (int i = 0; i < shas.size(); i++) {
            position.put(shas.get(i), i);
        }
        for (GitCommit c : commits) {
            for (String p : c.parents()) {
                assertThat(position.get(p)).as("parent of %s", c.subject()).isLessThan(position.get(c.sha()));
            }
        }
    }

    @Test
    void orderIsDeterministicAndTiesBreakByTimeThenId() {
        TestRepo repo = TestRepo.init(dir);
        repo.write("a.txt", "base\n").commit("base");
        // Three children of base with the same committer time: only the id can order them.
        List<String> sameTime = new ArrayList<>();
        for (String b : List.of("x", "y", "z")) {
            repo.git("checkout", "-q", "-b", b, "main");
            repo.write(b + ".txt", b + "\n");
            repo.git("-c", "user.name=Same", "commit", "-q", "-m", b, "--date=@1800000000 +0000");
            sameTime.add(repo.head());
        }
        List<String> first = shas(walk(List.of("*"), Set.of(), 0, WalkOptions.defaults()));
        List<String> second = shas(walk(List.of("z", "y", "x", "main"), Set.of(), 0, WalkOptions.defaults().withThreads(1)));
        assertThat(second).isEqualTo(first);
        assertThat(first).hasSize(4);
        // Committer times differ per commit here (the test clock); sort expectations by the same rule.
        List<GitCommit> commits = walk(List.of("*"), Set.of(), 0, WalkOptions.defaults());
        for (int i = 2; i < commits.size(); i++) {
            GitCommit prev = commits.get(i - 1);
            GitCommit cur = commits.get(i);
            int byTime = prev.committer().time().compareTo(cur.committer().time());
            assertThat(byTime < 0 || (byTime == 0 && prev.sha().compareTo(cur.sha()) < 0)).isTrue();
        }
        assertThat(sameTime).hasSize(3);
    }

    @Test
    void skipResumesWithExactlyTheTail() {
        branchy();
        List<String> full = shas(walk(List.of("*"), Set.of(), 0, WalkOptions.defaults()));
        for (int k = 0; k <= full.size() + 1; k++) {
            for (int threads : new int[] {1, 2}) {
                List<String> tail = shas(walk(List.of("*"), Set.of(), k, WalkOptions.defaults().withThreads(threads)));
                assertThat(tail).as("skip %d", k).isEqualTo(full.subList(Math.min(k, full.size()), full.size()));
            }
        }
    }

    @Test
    void resumeSkipWorksWithFiltersInPlace() {
        TestRepo repo = branchy();
        repo.write("docs/x.md", "doc\n").commit("docs only");
        repo.write("f.txt", "again\n").commit("f again");
        WalkOptions onlyF = WalkOptions.defaults().withPaths(PathFilter.of(List.of("f.txt"), List.of()));
        List<String> full = shas(walk(List.of("*"), Set.of(), 0, onlyF));
        // f1, f2, the merge (diffed against main, it brings f.txt), f3, "f again".
        assertThat(full).hasSize(5);

        long resume;
        List<String> seen = new ArrayList<>();
        try (GitHistory git = GitHistory.open(dir);
             CommitStream s = git.walk(git.branchTips(List.of("*")), Set.of(), 0, onlyF)) {
            seen.add(s.next().sha());
            seen.add(s.next().sha());
            resume = s.resumeSkip();
            assertThat(s.total()).isGreaterThan(resume);
        }
        seen.addAll(shas(walk(List.of("*"), Set.of(), resume, onlyF)));
        assertThat(seen).isEqualTo(full);

        try (GitHistory git = GitHistory.open(dir);
             CommitStream s = git.walk(git.branchTips(List.of("*")), Set.of(), 0, onlyF)) {
            while (s.hasNext()) {
                s.next();
            }
            assertThat(s.resumeSkip()).isEqualTo(s.total());
        }
    }

    @Test
    void incrementalWalkFromKnownTips() {
        TestRepo repo = branchy();
        Map<String, String> before;
        try (GitHistory git = GitHistory.open(dir)) {
            before = git.branchTips(List.of("*"));
        }
        repo.write("a.txt", "4\n").commit("m4");
        repo.git("checkout", "-q", "feature");
        repo.write("f.txt", "f4\n").commit("f4");
        repo.git("checkout", "-q", "-b", "newbranch");
        repo.write("n.txt", "n\n").commit("n1");

        List<GitCommit> fresh = walk(List.of("*"), before.values(), 0, WalkOptions.defaults());
        assertThat(fresh).extracting(GitCommit::subject).containsExactly("m4", "f4", "n1");
        assertThat(walk(List.of("*"), Set.copyOf(tipsNow().values()), 0, WalkOptions.defaults())).isEmpty();
    }

    @Test
    void unknownKnownTipIsIgnored() {
        branchy();
        int all = walk(List.of("*"), Set.of(), 0, WalkOptions.defaults()).size();
        assertThat(walk(List.of("*"), Set.of("0123456789012345678901234567890123456789"), 0, WalkOptions.defaults()))
                .hasSize(all);
    }

    @Test
    void forcePushedBranchYieldsOnlyTheRewrittenCommits() {
        TestRepo repo = TestRepo.init(dir);
        repo.write("a.txt", "1\n").commit("one");
        String one = repo.head();
        repo.write("a.txt", "2\n").commit("two");
        String oldTip = repo.head();
        repo.git("reset", "-q", "--hard", one);
        repo.write("a.txt", "2b\n").commit("two rewritten");
        repo.write("a.txt", "3\n").commit("three");
        try (GitHistory git = GitHistory.open(dir)) {
            assertThat(git.isAncestor(oldTip, git.branchTips(List.of("main")).get("main"))).isFalse();
        }
        assertThat(walk(List.of("main"), Set.of(oldTip), 0, WalkOptions.defaults()))
                .extracting(GitCommit::subject).containsExactly("two rewritten", "three");
    }

    @Test
    void deletedBranchContributesNothing() {
        TestRepo repo = branchy();
        repo.git("branch", "-q", "-D", "hotfix");
        assertThat(walk(List.of("*"), Set.of(), 0, WalkOptions.defaults()))
                .extracting(GitCommit::subject).doesNotContain("h1").contains("f3");
    }

    @Test
    void sinceHidesOlderCommitsButWalksThroughThem() {
        TestRepo repo = branchy();
        List<GitCommit> all = walk(List.of("*"), Set.of(), 0, WalkOptions.defaults());
        Instant cut = all.stream().filter(c -> c.subject().equals("m3")).findFirst().orElseThrow().committer().time();
        List<GitCommit> recent = walk(List.of("*"), Set.of(), 0, WalkOptions.defaults().withSince(cut));
        assertThat(recent).allMatch(c -> !c.committer().time().isBefore(cut));
        assertThat(recent).extracting(GitCommit::subject).containsExactly("m3", "merge feature", "h1", "f3");
        assertThat(repo.clock()).isPositive();
    }

    @Test
    void commitsAreLabelledWithTheFirstReachingBranch() {
        branchy();
        Map<String, String> labels = new HashMap<>();
        for (GitCommit c : walk(List.of("main", "*"), Set.of(), 0, WalkOptions.defaults())) {
            labels.put(c.subject(), c.branch());
        }
        assertThat(labels).containsEntry("m1", "main").containsEntry("f1", "main").containsEntry("merge feature", "main")
                .containsEntry("f3", "feature").containsEntry("h1", "hotfix");
        Map<String, String> featureFirst = new HashMap<>();
        for (GitCommit c : walk(List.of("feature", "*"), Set.of(), 0, WalkOptions.defaults())) {
            featureFirst.put(c.subject(), c.branch());
        }
        assertThat(featureFirst).containsEntry("m1", "feature").containsEntry("m3", "hotfix");

        try (GitHistory git = GitHistory.open(dir);
             CommitStream s = git.walkIds(git.branchTips(List.of("*")).values(), Set.of(), 0, WalkOptions.defaults())) {
            assertThat(s.next().branch()).isNull();
        }
    }

    @Test
    void missingTargetIsAClearError() {
        branchy();
        try (GitHistory git = GitHistory.open(dir)) {
            assertThatThrownBy(() -> git.walk(Map.of("ghost", "0123456789012345678901234567890123456789"), Set.of(), 0,
                    WalkOptions.defaults()))
                    .isInstanceOf(GitException.class).hasMessageContaining("does not exist").hasMessageContaining("ghost");
        }
    }

    private Map<String, String> tipsNow() {
        try (GitHistory git = GitHistory.open(dir)) {
            return git.branchTips(List.of("*"));
        }
    }

    private List<GitCommit> walk(List<String> patterns, Collection<String> known, long skip, WalkOptions options) {
        List<GitCommit> out = new ArrayList<>();
        try (GitHistory git = GitHistory.open(dir);
             CommitStream s = git.walk(git.branchTips(patterns), known, skip, options)) {
            s.forEachRemaining(out::add);
        }
        return out;
    }

    private static List<String> shas(List<GitCommit> commits) {
        return commits.stream().map(GitCommit::sha).toList();
    }
}
