package dev.episodic.connect.filesystem.git;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

import org.eclipse.jgit.api.errors.CanceledException;
import org.eclipse.jgit.diff.DiffEntry;
import org.eclipse.jgit.diff.EditList;
import org.eclipse.jgit.diff.RenameDetector;
import org.eclipse.jgit.lib.AnyObjectId;
import org.eclipse.jgit.lib.NullProgressMonitor;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;

/**
 * Turns one commit id into a {@link GitCommit}: diff against the first parent, per-path line
 * counts as {@code git log --numstat} computes them, optional patch text. One instance per
 * thread: it owns an ObjectReader (and its delta cache), a TreeWalk and a RevWalk.
 */
final class CommitExtractor implements AutoCloseable {

    /** Drop the RevWalk's parsed-object table this often so memory does not grow with history. */
    private static final int WALK_RENEWAL = 1024;

    /** git's default diff.renameLimit; JGit's own default is lower. */
    private static final int GIT_RENAME_LIMIT = 1000;

    /** git's -M default similarity; JGit's own default is 60. */
    private static final int GIT_RENAME_SCORE = 50;

    private final ObjectReader reader;
    private final WalkOptions options;
    private final TreeChanges treeChanges;
    private final RenameDetector renames;
    private final PatchWriter patch;
    private RevWalk walk;
    private int parsedSinceRenewal;

    CommitExtractor(Repository repo, WalkOptions options) {
        this.reader = repo.newObjectReader();
        this.options = options;
        this.treeChanges = new TreeChanges(reader);
        if (options.detectRenames()) {
            this.renames = new RenameDetector(repo);
            renames.setRenameScore(GIT_RENAME_SCORE);
            renames.setRenameLimit(repo.getConfig().getInt("diff", "renameLimit", GIT_RENAME_LIMIT));
        } else {
            this.renames = null;
        }
        this.patch = options.patchLimitBytes() > 0 ? new PatchWriter(options.patchLimitBytes()) : null;
        this.walk = new RevWalk(reader);
    }

    /** @return the commit, or null when {@code since} or the path filter leaves nothing to publish */
    GitCommit extract(AnyObjectId id, String branch) throws IOException {
        if (++parsedSinceRenewal > WALK_RENEWAL) {
            walk.close();
            walk = new RevWalk(reader);
            parsedSinceRenewal = 0;
        }
        RevCommit commit = walk.parseCommit(id);
        Instant since = options.since();
        if (since != null && Instant.ofEpochSecond(commit.getCommitTime()).isBefore(since)) {
            return null;
        }
        ObjectId parentTree = null;
        if (commit.getParentCount() > 0) {
            RevCommit first = commit.getParent(0);
            walk.parseHeaders(first);
            parentTree = first.getTree();
        }
        List<DiffEntry> entries = treeChanges.between(parentTree, commit.getTree());
        if (renames != null) {
            entries = detectRenames(entries);
        }
        PathFilter paths = options.paths();
        if (!paths.isAll()) {
            entries.removeIf(e -> !passes(paths, e));
            if (entries.isEmpty()) {
                return null;
            }
        }
        if (patch != null) {
            patch.start();
        }
        List<FileChange> changes = new ArrayList<>(entries.size());
        for (DiffEntry e : entries) {
            changes.add(count(e));
        }
        List<String> parents = new ArrayList<>(commit.getParentCount());
        for (RevCommit p : commit.getParents()) {
            parents.add(p.name());
        }
        return new GitCommit(commit.name(), parents, person(commit.getAuthorIdent()),
                person(commit.getCommitterIdent()), commit.getFullMessage(), changes,
                patch == null ? null : patch.text(), patch != null && patch.full(), branch);
    }

    private FileChange count(DiffEntry e) throws IOException {
        boolean wantPatch = patch != null && !patch.full();
        boolean sameContent = e.getOldId().equals(e.getNewId());
        int oldMode = e.getOldMode().getBits();
        int newMode = e.getNewMode().getBits();
        Content a = Content.load(reader, oldMode, e.getOldId().toObjectId());
        Content b = sameContent && oldMode == newMode ? a : Content.load(reader, newMode, e.getNewId().toObjectId());
        boolean binary = a.binary() || b.binary();
        int added = 0;
        int deleted = 0;
        EditList edits = new EditList();
        if (!binary && !sameContent) {
            if (a.isEmpty() && !wantPatch) {
                added = b.lineCount();
            } else if (b.isEmpty() && !wantPatch) {
                deleted = a.lineCount();
            } else {
                LineDiff.Result diff = LineDiff.diff(a.bytes(), b.bytes());
                added = diff.added;
                deleted = diff.deleted;
                if (wantPatch) {
                    edits = diff.edits();
                }
            }
        }
        if (wantPatch) {
            patch.file(e, a, b, sameContent || binary ? new EditList() : edits, binary);
        }
        return new FileChange(pathOf(e), oldPathOf(e), typeOf(e), added, deleted, binary);
    }

    /**
     * Only adds and deletes are rename candidates, as in git without -B; handing JGit the
     * modifications too would make it split type changes into delete+add pairs.
     */
    private List<DiffEntry> detectRenames(List<DiffEntry> entries) throws IOException {
        List<DiffEntry> candidates = new ArrayList<>();
        List<DiffEntry> kept = new ArrayList<>();
        for (DiffEntry e : entries) {
            (e.getChangeType() == DiffEntry.ChangeType.MODIFY ? kept : candidates).add(e);
        }
        if (candidates.size() < 2) {
            return entries;
        }
        renames.reset();
        renames.addAll(candidates);
        try {
            kept.addAll(renames.compute(reader, NullProgressMonitor.INSTANCE));
        } catch (CanceledException e) {
            throw new IOException("rename detection cancelled", e);
        }
        // git emits renamed paths at their destination's place in tree order, i.e. sorted by path bytes.
        kept.sort(Comparator.comparing(CommitExtractor::sortKey, Arrays::compareUnsigned));
        return kept;
    }

    private static byte[] sortKey(DiffEntry e) {
        return pathOf(e).getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    private static boolean passes(PathFilter paths, DiffEntry e) {
        return switch (e.getChangeType()) {
            case ADD, MODIFY -> paths.matches(e.getNewPath());
            case DELETE -> paths.matches(e.getOldPath());
            case RENAME, COPY -> paths.matches(e.getNewPath()) || paths.matches(e.getOldPath());
        };
    }

    private static String pathOf(DiffEntry e) {
        return e.getChangeType() == DiffEntry.ChangeType.DELETE ? e.getOldPath() : e.getNewPath();
    }

    private static String oldPathOf(DiffEntry e) {
        return switch (e.getChangeType()) {
            case RENAME, COPY -> e.getOldPath();
            default -> null;
        };
    }

    private static ChangeType typeOf(DiffEntry e) {
        return switch (e.getChangeType()) {
            case ADD -> ChangeType.ADD;
            case MODIFY -> ChangeType.MODIFY;
            case DELETE -> ChangeType.DELETE;
            case RENAME -> ChangeType.RENAME;
            case COPY -> ChangeType.COPY;
        };
    }

    private static GitPerson person(PersonIdent p) {
        return new GitPerson(p.getName(), p.getEmailAddress(), p.getWhenAsInstant(),
                p.getZoneOffset().getTotalSeconds() / 60);
    }

    @Override
    public void close() {
        walk.close();
        reader.close();
    }
}
