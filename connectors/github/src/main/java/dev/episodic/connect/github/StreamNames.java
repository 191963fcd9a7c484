package dev.episodic.connect.github;

/**
 * Stream names, the frozen partition contract: {@code github:<owner>/<name>:<resource>}, and for commits of a
 * configured branch {@code github:<owner>/<name>:commits:<branch>} (the default branch's commits are
 * {@code github:<owner>/<name>:commits}). Names use the repository as configured or resolved, so a later rename
 * on GitHub (followed through its 301) does not move the stream.
 */
public final class StreamNames {
    private StreamNames() {
    }

    public static String of(final String repository, final Resource resource) {
        return "github:" + repository + ":" + resource.configName();
    }

    public static String commits(final String repository, final String branch) {
        return branch == null ? of(repository, Resource.COMMITS) : of(repository, Resource.COMMITS) + ":" + branch;
    }
}
