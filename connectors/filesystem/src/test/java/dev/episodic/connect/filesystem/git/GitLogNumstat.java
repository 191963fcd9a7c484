package dev.episodic.connect.filesystem.git;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs the real {@code git log --numstat} over all local branches and parses its {@code -z}
 * output: commit id to the list of numstat lines. This is the reference the engine must equal.
 */
final class GitLogNumstat {

    /** One numstat line; {@code binary} where git printed "-	-". */
    record Line(String path, String oldPath, int added, int deleted, boolean binary) {
    }

    private GitLogNumstat() {
    }

    static Map<String, List<Line>> run(TestRepo repo, boolean renames) {
        byte[] out = repo.gitBytes("-c", "core.quotePath=false", "log", "--branches", "--numstat",
                renames ? "-M" : "--no-renames", "--diff-merges=first-parent", "-z", "--format=%x01%H");
        return parse(new String(out, StandardCharsets.UTF_8));
    }

    static Map<String, List<Line>> parse(String out) {
        Map<String, List<Line>> result = new LinkedHashMap<>();
        String[] tokens = out.split("\0", -1);
        List<Line> current = null;
        for (int i = 0; i < tokens.length; i++) {
            String t = tokens[i].startsWith("\n") ? tokens[i].substring(1) : tokens[i];
            if (t.isEmpty()) {
                continue;
            }
            if (t.charAt(0) == '\u0001') {
                current = new ArrayList<>();
                result.put(t.substring(1), current);
                continue;
            }
            String[] f = t.split("\t", 3);
            boolean binary = f[0].equals("-");
            int added = binary ? 0 : Integer.parseInt(f[0]);
            int deleted = binary ? 0 : Integer.parseInt(f[1]);
            if (f[2].isEmpty()) {
                String from = tokens[++i];
                String to = tokens[++i];
                current.add(new Line(to, from, added, deleted, binary));
            } else {
                current.add(new Line(f[2], null, added, deleted, binary));
            }
        }
        return result;
    }

    /** Our commit in the same shape, for a direct equality check. */
    static List<Line> of(GitCommit commit) {
        List<Line> lines = new ArrayList<>();
        for (FileChange c : commit.changes()) {
            lines.add(new Line(c.path(), c.oldPath(), c.linesAdded(), c.linesDeleted(), c.binary()));
        }
        return lines;
    }
}
