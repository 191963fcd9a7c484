package dev.episodic.connect.filesystem.git;

import java.util.List;
import java.util.Objects;

/**
 * One commit as the connector publishes it. Immutable. Line totals cover {@link #changes()} only,
 * which are already reduced to the paths that passed the walk's path filter.
 *
 * @param sha            full commit id
 * @param parents        parent ids in git's order (first parent first)
 * @param author         author signature
 * @param committer      committer signature
 * @param message        full message, decoded with the commit's declared encoding
 * @param changes        changed paths against the first parent (root commits: against the empty tree)
 * @param patch          unified diff text, {@code null} unless the walk asked for patches
 * @param patchTruncated true when {@link #patch()} was cut at the walk's byte limit
 * @param branch         a walked branch whose tip reaches this commit, {@code null} if the walk had no names
 */
public record GitCommit(String sha, List<String> parents, GitPerson author, GitPerson committer, String message,
                        List<FileChange> changes, String patch, boolean patchTruncated, String branch) {

    public GitCommit {
        Objects.requireNonNull(sha, "sha");
        Objects.requireNonNull(author, "author");
        Objects.requireNonNull(committer, "committer");
        Objects.requireNonNull(message, "message");
        parents = List.copyOf(parents);
        changes = List.copyOf(changes);
    }

    /** First line of the message, without its line terminator. */
    public String subject() {
        int end = message.indexOf('\n');
        String line = end < 0 ? message : message.substring(0, end);
        return line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
    }

    public boolean merge() {
        return parents.size() > 1;
    }

    public int filesChanged() {
        return changes.size();
    }

    public long linesAdded() {
        long sum = 0;
        for (FileChange c : changes) {
            sum += c.linesAdded();
        }
        return sum;
    }

    public long linesDeleted() {
        long sum = 0;
        for (FileChange c : changes) {
            sum += c.linesDeleted();
        }
        return sum;
    }
}
