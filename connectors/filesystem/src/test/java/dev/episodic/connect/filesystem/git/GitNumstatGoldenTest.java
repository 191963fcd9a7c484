package dev.episodic.connect.filesystem.git;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every commit's per-file numbers must equal the real {@code git log --numstat}. */
class GitNumstatGoldenTest {

    @TempDir
    static Path dir;

    private static TestRepo repo;

    @BeforeAll
    static void buildRepository() {
        repo = MixedRepo.build(dir, 42L, 160);
    }

    @ParameterizedTest(name = "renames={0}, threads={1}")
    @CsvSource({"false,1", "false,2", "true,1", "true,2"})
    void numstatEqualsGit(boolean renames, int threads) {
        Map<String, List<GitLogNumstat.Line>> expected = GitLogNumstat.run(repo, renames);
        Map<String, List<GitLogNumstat.Line>> actual = extract(WalkOptions.defaults()
                .withRenames(renames).withThreads(threads));

        assertThat(actual.keySet()).containsExactlyInAnyOrderElementsOf(expected.keySet());
        for (Map.Entry<String, List<GitLogNumstat.Line>> e : expected.entrySet()) {
            assertThat(actual.get(e.getKey())).as("commit %s", e.getKey()).isEqualTo(e.getValue());
        }
    }

    @Test
    void generatedHistoryCoversTheInterestingCases() {
        Map<String, List<GitLogNumstat.Line>> renamed = GitLogNumstat.run(repo, true);
        List<GitLogNumstat.Line> all = renamed.values().stream().flatMap(List::stream).toList();
        assertThat(all).anyMatch(GitLogNumstat.Line::binary);
        assertThat(all).anyMatch(l -> l.oldPath() != null);
        assertThat(all).anyMatch(l -> l.path().contains("€"));
        assertThat(renamed.values()).anyMatch(List::isEmpty);
        assertThat(repo.git("log", "--branches", "--merges", "--format=%H").lines().count()).isGreaterThan(5);
    }

    private static Map<String, List<GitLogNumstat.Line>> extract(WalkOptions options) {
        Map<String, List<GitLogNumstat.Line>> out = new LinkedHashMap<>();
        try (GitHistory git = GitHistory.open(repo.dir());
             CommitStream s = git.walk(git.branchTips(List.of("*")), Set.of(), 0, options)) {
            while (s.hasNext()) {
                GitCommit c = s.next();
                out.put(c.sha(), GitLogNumstat.of(c));
            }
        }
        return out;
    }
}
