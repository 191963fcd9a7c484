package dev.episodic.connect.filesystem.git;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import org.eclipse.jgit.diff.DiffEntry;
import org.eclipse.jgit.lib.AbbreviatedObjectId;
import org.eclipse.jgit.lib.AnyObjectId;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.MutableObjectId;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.treewalk.EmptyTreeIterator;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.treewalk.filter.TreeFilter;

/**
 * Lists the paths that differ between two trees, like git's tree diff: unchanged subtrees are
 * skipped by id, a type change stays one MODIFY entry (git reports it as one path), and a
 * file replaced by a directory of the same name becomes a delete plus adds, as in git.
 * Reuses one TreeWalk; not thread-safe.
 */
final class TreeChanges {

    private final TreeWalk walk;
    private final MutableObjectId oldId = new MutableObjectId();
    private final MutableObjectId newId = new MutableObjectId();

    TreeChanges(ObjectReader reader) {
        this.walk = new TreeWalk(reader);
    }

    /** @param oldTree first parent's tree, or null for a root commit (diffed against the empty tree) */
    List<DiffEntry> between(AnyObjectId oldTree, AnyObjectId newTree) throws IOException {
        walk.reset();
        if (oldTree == null) {
            walk.addTree(new EmptyTreeIterator());
        } else {
            walk.addTree(oldTree);
        }
        walk.addTree(newTree);
        walk.setRecursive(true);
        walk.setFilter(TreeFilter.ANY_DIFF);
        List<DiffEntry> out = new ArrayList<>();
        while (walk.next()) {
            int oldMode = walk.getRawMode(0);
            int newMode = walk.getRawMode(1);
            walk.getObjectId(oldId, 0);
            walk.getObjectId(newId, 1);
            String path = walk.getPathString();
            out.add(new Entry(path, oldMode, oldId, newMode, newId));
        }
        return out;
    }

    /** A DiffEntry built straight from the walk, so JGit's RenameDetector can consume it. */
    static final class Entry extends DiffEntry {
        Entry(String path, int oldRawMode, AnyObjectId oldObject, int newRawMode, AnyObjectId newObject) {
            boolean added = oldRawMode == FileMode.TYPE_MISSING;
            boolean deleted = newRawMode == FileMode.TYPE_MISSING;
            changeType = added ? ChangeType.ADD : deleted ? ChangeType.DELETE : ChangeType.MODIFY;
            oldPath = added ? DEV_NULL : path;
            newPath = deleted ? DEV_NULL : path;
            oldMode = FileMode.fromBits(oldRawMode);
            newMode = FileMode.fromBits(newRawMode);
            oldId = AbbreviatedObjectId.fromObjectId(added ? ObjectId.zeroId() : oldObject);
            newId = AbbreviatedObjectId.fromObjectId(deleted ? ObjectId.zeroId() : newObject);
        }
    }
}
