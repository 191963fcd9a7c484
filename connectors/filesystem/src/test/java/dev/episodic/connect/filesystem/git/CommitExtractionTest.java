package dev.episodic.connect.filesystem.git;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What one GitCommit carries: metadata, file changes and counts, filters, patch text. */
class CommitExtractionTest {

    @TempDir
    Path dir;

    @Test
    void metadataOfARootCommit() {
        TestRepo repo = TestRepo.init(dir);
        repo.write("a.txt", "one\ntwo\n").write("b/c.txt", "x");
        String sha = repo.commit("Ünïcode subject ✓\n\nbody\nmore body\n");
        GitCommit c = single(WalkOptions.defaults());

        assertThat(c.sha()).isEqualTo(sha);
        assertThat(c.parents()).isEmpty();
        assertThat(c.merge()).isFalse();
        assertThat(c.subject()).isEqualTo("Ünïcode subject ✓");
        assertThat(c.message()).isEqualTo("Ünïcode subject ✓\n\nbody\nmore body\n");
        assertThat(c.author()).isEqualTo(new GitPerson("Test Author", "author@example.com",
                Instant.ofEpochSecond(repo.clock() - 60 * 2 + 60), 120));
        assertThat(c.committer().name()).isEqualTo("Test Committer");
        assertThat(c.committer().email()).isEqualTo("committer@example.com");
        assertThat(c.changes()).containsExactly(
                new FileChange("a.txt", null, ChangeType.ADD, 2, 0, false),
                new FileChange("b/c.txt", null, ChangeType.ADD, 1, 0, false));
        assertThat(c.filesChanged()).isEqualTo(2);
        assertThat(c.linesAdded()).isEqualTo(3);
        assertThat(c.linesDeleted()).isZero();
        assertThat(c.patch()).isNull();
        assertThat(c.branch()).isEqualTo("main");
    }

    @Test
    void mergeIsDiffedAgainstItsFirstParent() {
        TestRepo repo = TestRepo.init(dir);
        repo.write("a.txt", "a\n").commit("base");
        repo.git("checkout", "-q", "-b", "side");
        repo.write("side.txt", "1\n2\n3\n").write("a.txt", "a\nfrom side\n").commit("side");
        repo.git("checkout", "-q", "main");
        repo.write("main.txt", "m\n").commit("main");
        repo.git("merge", "-q", "--no-ff", "-m", "merge side", "side");

        GitCommit merge = all(WalkOptions.defaults()).stream().filter(GitCommit::merge).findFirst().orElseThrow();
        assertThat(merge.parents()).hasSize(2);
        assertThat(merge.parents().get(0)).isEqualTo(repo.rev("HEAD^1"));
        assertThat(merge.changes()).containsExactly(
                new FileChange("a.txt", null, ChangeType.MODIFY, 1, 0, false),
                new FileChange("side.txt", null, ChangeType.ADD, 3, 0, false));
    }

    @Test
    void renamesOffAreDeletePlusAddAndOnAreRenames() {
        TestRepo repo = TestRepo.init(dir);
        repo.write("old/name.txt", "l1\nl2\nl3\nl4\nl5\nl6\nl7\nl8\nl9\nl10\n").commit("add");
        repo.move("old/name.txt", "new/name.txt");
        repo.write("new/name.txt", "l1\nl2\nl3\nl4\nl5\nl6\nl7\nl8\nl9\nl10 changed\n").commit("move and edit");

        GitCommit off = all(WalkOptions.defaults()).get(1);
        assertThat(off.changes()).containsExactly(
                new FileChange("new/name.txt", null, ChangeType.ADD, 10, 0, false),
                new FileChange("old/name.txt", null, ChangeType.DELETE, 0, 10, false));

        GitCommit on = all(WalkOptions.defaults().withRenames(true)).get(1);
        assertThat(on.changes()).containsExactly(
                new FileChange("new/name.txt", "old/name.txt", ChangeType.RENAME, 1, 1, false));
    }

    @Test
    void binaryFilesCountZeroLinesAndCarryTheFlag() {
        TestRepo repo = TestRepo.init(dir);
        byte[] png = {(byte) 0x89, 'P', 'N', 'G', 0, 1, 2, '\n', 3};
        repo.writeBytes("img.png", png).write("t.txt", "text\n").commit("add");
        byte[] later = new byte[9000];
        java.util.Arrays.fill(later, (byte) 'x');
        for (int i = 99; i < later.length; i += 100) {
            later[i] = '\n';
        }
        later[8500] = 0;
        repo.writeBytes("late-nul.dat", later).commit("nul after 8000 bytes is text for git");

        List<GitCommit> commits = all(WalkOptions.defaults());
        assertThat(commits.get(0).changes()).containsExactly(
                new FileChange("img.png", null, ChangeType.ADD, 0, 0, true),
                new FileChange("t.txt", null, ChangeType.ADD, 1, 0, false));
        assertThat(commits.get(1).changes().get(0).binary()).isFalse();
        assertThat(GitLogNumstat.of(commits.get(1))).isEqualTo(GitLogNumstat.run(repo, false).get(commits.get(1).sha()));
    }

    @Test
    void modeChangeIsAModifyWithoutLines() {
        TestRepo repo = TestRepo.init(dir);
        repo.write("run.sh", "echo hi\n").commit("add");
        repo.git("update-index", "--chmod=+x", "run.sh");
        repo.commit("chmod");
        assertThat(all(WalkOptions.defaults()).get(1).changes())
                .containsExactly(new FileChange("run.sh", null, ChangeType.MODIFY, 0, 0, false));
    }

    @Test
    void emptyCommitsAreEmittedUnlessAPathFilterIsSet() {
        TestRepo repo = TestRepo.init(dir);
        repo.write("a.txt", "a\n").commit("add");
        repo.commit("nothing");
        List<GitCommit> commits = all(WalkOptions.defaults());
        assertThat(commits).extracting(GitCommit::subject).containsExactly("add", "nothing");
        assertThat(commits.get(1).changes()).isEmpty();
        assertThat(all(WalkOptions.defaults().withPaths(PathFilter.of(List.of(), List.of("*.md")))))
                .extracting(GitCommit::subject).containsExactly("add");
    }

    @Test
    void nonAsciiPathsComeOutAsUtf8() {
        TestRepo repo = TestRepo.init(dir);
        repo.write("dös/ñame 🎉.txt", "x\n").commit("unicode path");
        assertThat(single(WalkOptions.defaults()).changes().get(0).path()).isEqualTo("dös/ñame 🎉.txt");
    }

    @Test
    void pathFiltersSelectCommitsAndReduceTheirFiles() {
        TestRepo repo = TestRepo.init(dir);
        repo.write("src/A.java", "a\n").write("README.md", "r\n").write("docs/guide.txt", "g\n").commit("mixed");
        repo.write("docs/guide.txt", "g2\n").commit("docs only");
        repo.write("src/NOTES.md", "n\n").commit("markdown in src");
        repo.write("src/A.java", "a\nb\n").write("README.md", "r2\n").commit("code and readme");

        PathFilter filter = PathFilter.of(List.of("src/**", "*.md"), List.of("docs/**", "src/*.md"));
        List<GitCommit> commits = all(WalkOptions.defaults().withPaths(filter));
        assertThat(commits).extracting(GitCommit::subject).containsExactly("mixed", "code and readme");
        assertThat(commits.get(0).changes()).extracting(FileChange::path).containsExactly("README.md", "src/A.java");
        assertThat(commits.get(1).linesAdded()).isEqualTo(2);
        assertThat(commits.get(1).linesDeleted()).isEqualTo(1);
    }

    @Test
    void patchTextAndTruncation() {
        TestRepo repo = TestRepo.init(dir);
        repo.write("a.txt", "one\ntwo\nthree\n").commit("add");
        repo.write("a.txt", "one\n2\nthree\n").write("ü.txt", "ééééééééééééééééééééééééééééééé\n").commit("edit");

        GitCommit full = all(WalkOptions.defaults().withPatchLimitBytes(1 << 20)).get(1);
        assertThat(full.patchTruncated()).isFalse();
        assertThat(full.patch()).startsWith("diff --git a/a.txt b/a.txt\n")
                .contains("@@ -1,3 +1,3 @@\n one\n-two\n+2\n three\n")
                .contains("new file mode 100644\n")
                .contains("+ééééééééééééééééééééééééééééééé\n");

        int limit = full.patch().getBytes(StandardCharsets.UTF_8).length - 20;
        GitCommit cut = all(WalkOptions.defaults().withPatchLimitBytes(limit)).get(1);
        assertThat(cut.patchTruncated()).isTrue();
        assertThat(cut.patch().getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(limit);
        assertThat(full.patch()).startsWith(cut.patch());
        assertThat(cut.patch()).doesNotContain("\uFFFD");
        assertThat(cut.changes()).isEqualTo(full.changes());
    }

    private GitCommit single(WalkOptions options) {
        List<GitCommit> commits = all(options);
        assertThat(commits).hasSize(1);
        return commits.get(0);
    }

    private List<GitCommit> all(WalkOptions options) {
        List<GitCommit> out = new ArrayList<>();
        try (GitHistory git = GitHistory.open(dir);
             CommitStream s = git.walk(git.branchTips(List.of("*")), Set.of(), 0, options)) {
            s.forEachRemaining(out::add);
        }
        return out;
    }
}
