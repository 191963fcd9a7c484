package dev.episodic.connect.filesystem.git;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Compares the engine with {@code git log --numstat} on any repository (e.g. the benchmark one):
 * {@code GitNumstatVerify <repo> [renames]}. Prints the number of commits compared and every
 * mismatch; exits 1 on any difference.
 */
public final class GitNumstatVerify {

    private GitNumstatVerify() {
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        Path repo = Path.of(args[0]);
        boolean renames = args.length > 1 && Boolean.parseBoolean(args[1]);
        Process p = new ProcessBuilder("git", "-C", repo.toString(), "-c", "core.quotePath=false", "log",
                "--branches", "--numstat", renames ? "-M" : "--no-renames", "--diff-merges=first-parent", "-z",
                "--format=%x01%H").redirectError(ProcessBuilder.Redirect.INHERIT).start();
        byte[] out;
        try (InputStream in = p.getInputStream()) {
            out = in.readAllBytes();
        }
        if (p.waitFor() != 0) {
            throw new IllegalStateException("git log failed");
        }
        Map<String, List<GitLogNumstat.Line>> expected = GitLogNumstat.parse(new String(out, StandardCharsets.UTF_8));
        int compared = 0;
        int mismatches = 0;
        try (GitHistory git = GitHistory.open(repo);
             CommitStream s = git.walk(git.branchTips(List.of("*")), Set.of(), 0,
                     WalkOptions.defaults().withRenames(renames))) {
            while (s.hasNext()) {
                GitCommit c = s.next();
                compared++;
                List<GitLogNumstat.Line> want = expected.remove(c.sha());
                List<GitLogNumstat.Line> got = GitLogNumstat.of(c);
                if (!got.equals(want)) {
                    mismatches++;
                    System.out.println("MISMATCH " + c.sha() + "\n  git:  " + want + "\n  ours: " + got);
                }
            }
        }
        mismatches += expected.size();
        expected.keySet().forEach(sha -> System.out.println("MISSING " + sha));
        System.out.println("compared=" + compared + " mismatches=" + mismatches);
        System.exit(mismatches == 0 ? 0 : 1);
    }
}
