package dev.episodic.connect.filesystem.git;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Opening repositories, reading branch tips, ancestry and existence checks. */
class GitHistoryTest {

    @TempDir
    Path dir;

    @Test
    void missingFolderNamesPathAndFix() {
        Path missing = dir.resolve("nope");
        assertThatThrownBy(() -> GitHistory.open(missing))
                .isInstanceOf(GitException.class)
                .hasMessageContaining(missing.toString())
                .hasMessageContaining("does not exist")
                .hasMessageContaining("Fix:");
    }

    @Test
    void plainFolderIsNotARepository() throws Exception {
        Path plain = Files.createDirectories(dir.resolve("plain"));
        assertThatThrownBy(() -> GitHistory.open(plain))
                .isInstanceOf(GitException.class)
                .hasMessageContaining(plain.toString())
                .hasMessageContaining("is not a git repository")
                .hasMessageContaining("Fix:");
    }

    @Test
    void opensWorkingTreeAndBareClone() {
        TestRepo repo = TestRepo.init(dir.resolve("work"));
        String head = repo.write("a.txt", "a\n").commit("one");
        repo.git("clone", "-q", "--bare", repo.dir().toString(), dir.resolve("bare.git").toString());
        try (GitHistory work = GitHistory.open(repo.dir()); GitHistory bare = GitHistory.open(dir.resolve("bare.git"))) {
            assertThat(work.branchTips(List.of("*"))).containsExactly(Map.entry("main", head));
            assertThat(bare.branchTips(List.of("main"))).containsExactly(Map.entry("main", head));
        }
    }

    @Test
    void branchTipsFollowPatternOrderAndIgnoreDetachedHead() {
        TestRepo repo = TestRepo.init(dir);
        String base = repo.write("a.txt", "a\n").commit("base");
        repo.git("branch", "release/1.0");
        repo.git("branch", "feature/b");
        repo.git("checkout", "-q", "-b", "feature/a");
        String a = repo.write("b.txt", "b\n").commit("feature a");
        repo.git("checkout", "-q", "--detach", "HEAD");
        repo.write("c.txt", "c\n").commit("detached work");

        try (GitHistory git = GitHistory.open(dir)) {
            assertThat(git.branchTips(List.of("main", "feature/*")).keySet())
                    .containsExactly("main", "feature/a", "feature/b");
            assertThat(git.branchTips(List.of("refs/heads/release/*"))).containsExactly(Map.entry("release/1.0", base));
            assertThat(git.branchTips(List.of("*")).keySet())
                    .containsExactly("feature/a", "feature/b", "main", "release/1.0");
            assertThat(git.branchTips(List.of("feature/*", "*")).keySet())
                    .containsExactly("feature/a", "feature/b", "main", "release/1.0");
            assertThat(git.branchTips(List.of("feature/a"))).containsEntry("feature/a", a);
            assertThat(git.branchTips(List.of("nothing-*"))).isEmpty();
        }

        repo.git("branch", "-q", "-D", "feature/b");
        try (GitHistory git = GitHistory.open(dir)) {
            assertThat(git.branchTips(List.of("*"))).doesNotContainKey("feature/b");
        }
    }

    @Test
    void forcePushIsNotAnAncestor() {
        TestRepo repo = TestRepo.init(dir);
        String one = repo.write("a.txt", "1\n").commit("one");
        String two = repo.write("a.txt", "2\n").commit("two");
        try (GitHistory git = history()) {
            assertThat(git.isAncestor(one, two)).isTrue();
            assertThat(git.isAncestor(two, two)).isTrue();
            assertThat(git.isAncestor(two, one)).isFalse();
        }

        repo.git("reset", "-q", "--hard", one);
        String rewritten = repo.write("a.txt", "rewritten\n").commit("two, amended");
        try (GitHistory git = history()) {
            assertThat(git.branchTips(List.of("main"))).containsEntry("main", rewritten);
            assertThat(git.isAncestor(two, rewritten)).isFalse();
            assertThat(git.isAncestor(one, rewritten)).isTrue();
            assertThat(git.isAncestor("0123456789012345678901234567890123456789", rewritten)).isFalse();
        }
    }

    @Test
    void existsOnlyForCommits() {
        TestRepo repo = TestRepo.init(dir);
        String c = repo.write("a.txt", "1\n").commit("one");
        String blob = repo.rev("HEAD:a.txt");
        try (GitHistory git = history()) {
            assertThat(git.exists(c)).isTrue();
            assertThat(git.exists(blob)).isFalse();
            assertThat(git.exists("0123456789012345678901234567890123456789")).isFalse();
            assertThat(git.exists("abc")).isFalse();
            assertThat(git.exists(null)).isFalse();
        }
    }

    private GitHistory history() {
        return GitHistory.open(dir);
    }
}
