package dev.episodic.connect.filesystem.git;

import java.io.Closeable;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.eclipse.jgit.errors.IncorrectObjectTypeException;
import org.eclipse.jgit.errors.MissingObjectException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.RepositoryCache;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.util.FS;

/**
 * Entry point of the git engine: one repository folder, read-only, pure JGit (no git binary).
 * Thread-safe; each {@link CommitStream} has its own readers.
 *
 * <pre>{@code
 * try (GitHistory git = GitHistory.open(dir)) {
 *     Map<String, String> tips = git.branchTips(List.of("main", "release/*"));
 *     try (CommitStream s = git.walk(tips, knownTips, 0, WalkOptions.defaults())) {
 *         while (s.hasNext()) {
 *             GitCommit c = s.next();
 *         }
 *     }
 * }
 * }</pre>
 */
public final class GitHistory implements Closeable {

    private final Path directory;
    private final Repository repo;

    private GitHistory(Path directory, Repository repo) {
        this.directory = directory;
        this.repo = repo;
    }

    /**
     * Opens a working tree (folder containing {@code .git}), a linked worktree or a bare repository.
     *
     * @throws GitException naming the folder and the fix when it is missing or not a repository
     */
    public static GitHistory open(Path directory) {
        Path dir = directory.toAbsolutePath().normalize();
        if (!Files.isDirectory(dir)) {
            throw new GitException("Git repository folder " + dir + " does not exist or is not a directory."
                    + " Fix: point the connector at an existing clone (git clone <url> " + dir + ").");
        }
        File gitDir = RepositoryCache.FileKey.resolve(dir.toFile(), FS.DETECTED);
        if (gitDir == null) {
            throw new GitException("Folder " + dir + " is not a git repository (no .git inside, not a bare"
                    + " repository). Fix: point the connector at the repository's top-level folder, or run"
                    + " 'git init' / 'git clone' there.");
        }
        try {
            Repository repo = new FileRepositoryBuilder().setGitDir(gitDir).setMustExist(true).build();
            return new GitHistory(dir, repo);
        } catch (IOException | IllegalArgumentException e) {
            throw new GitException("Cannot open git repository " + dir + ": " + e.getMessage()
                    + ". Fix: check that the folder is a readable, uncorrupted git repository.", e);
        }
    }

    public Path directory() {
        return directory;
    }

    /**
     * Current tips of local branches selected by exact names or globs ({@code *} matches any
     * characters, {@code /} included: {@code *} = every branch, {@code release/*}). Ordered by the
     * first matching pattern, then by name; values are peeled commit ids. Detached HEAD is ignored.
     */
    public Map<String, String> branchTips(List<String> patterns) {
        return BranchTips.read(repo, patterns);
    }

    /**
     * Opens a cursor over the commits reachable from {@code targets} and not from {@code known},
     * parents first, each once. See {@link CommitOrder} for the exact order.
     *
     * @param targets branch name to tip id, in labelling preference order (e.g. from {@link #branchTips})
     * @param known   tips already published (empty on first sync); ids missing from the repository are ignored
     * @param skip    number of leading commits of the order not to extract (resume point)
     * @throws GitException when a target id is not a commit of this repository
     */
    public CommitStream walk(Map<String, String> targets, Collection<String> known, long skip, WalkOptions options) {
        CommitOrder order;
        try (ObjectReader reader = repo.newObjectReader()) {
            order = CommitOrder.compute(reader, targets, known, true);
        }
        return new CommitStream(repo, order, skip, options);
    }

    /** Same walk for bare ids; commits then carry no branch label. */
    public CommitStream walkIds(Collection<String> targetIds, Collection<String> known, long skip,
                                WalkOptions options) {
        Map<String, String> unnamed = new LinkedHashMap<>();
        for (String id : targetIds) {
            unnamed.put(id, id);
        }
        CommitOrder order;
        try (ObjectReader reader = repo.newObjectReader()) {
            order = CommitOrder.compute(reader, unnamed, known, false);
        }
        return new CommitStream(repo, order, skip, options);
    }

    /**
     * True when {@code ancestor} is reachable from {@code descendant} (or equal to it). False when
     * either commit does not exist, so a force-push that dropped the old tip reads as a rewrite.
     */
    public boolean isAncestor(String ancestor, String descendant) {
        try (RevWalk walk = new RevWalk(repo)) {
            return walk.isMergedInto(walk.parseCommit(CommitOrder.parseId(ancestor, "ancestor")),
                    walk.parseCommit(CommitOrder.parseId(descendant, "descendant")));
        } catch (MissingObjectException | IncorrectObjectTypeException e) {
            return false;
        } catch (IOException e) {
            throw new GitException("Cannot compare " + ancestor + " and " + descendant + " in " + directory
                    + ": " + e.getMessage(), e);
        }
    }

    /** True when {@code sha} is a full id naming a commit present in the repository. */
    public boolean exists(String sha) {
        if (sha == null || !ObjectId.isId(sha)) {
            return false;
        }
        try (ObjectReader reader = repo.newObjectReader()) {
            ObjectId id = ObjectId.fromString(sha);
            return reader.has(id) && reader.open(id).getType() == Constants.OBJ_COMMIT;
        } catch (IOException e) {
            throw new GitException("Cannot read object " + sha + " in " + directory + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        repo.close();
    }

    /** Committer time of a commit: when a branch tip "happened", as far as git can tell. */
    public Instant commitTime(String sha) {
        try (RevWalk walk = new RevWalk(repo)) {
            return walk.parseCommit(CommitOrder.parseId(sha, "commit")).getCommitterIdent().getWhenAsInstant();
        } catch (IOException e) {
            throw new GitException("Cannot read commit " + sha + " in " + directory + ": " + e.getMessage(), e);
        }
    }
}
