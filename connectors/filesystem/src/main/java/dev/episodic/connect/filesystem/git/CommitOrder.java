package dev.episodic.connect.filesystem.git;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import org.eclipse.jgit.errors.MissingObjectException;
import org.eclipse.jgit.lib.AnyObjectId;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The commits to publish, in a fixed topological order, kept as a packed array of raw ids plus
 * one branch label per commit: about 24 bytes per commit once built.
 *
 * <p>Order: parents before children; among commits whose parents are all placed, the one with
 * the oldest committer time goes first, ties broken by the smaller id (unsigned bytes). That rule
 * depends only on the commit graph, so the same repository content with the same target and
 * known tips always yields the same sequence, which is what makes "skip the first k" a valid
 * resume point.
 *
 * <p>Building it walks the selected history once with bodies discarded; the walk's commit
 * objects are released before the order is returned.
 */
final class CommitOrder {

    private static final Logger LOG = LoggerFactory.getLogger(CommitOrder.class);

    private final byte[] ids;
    private final int[] labels;
    private final String[] branchNames;

    private CommitOrder(byte[] ids, int[] labels, String[] branchNames) {
        this.ids = ids;
        this.labels = labels;
        this.branchNames = branchNames;
    }

    int size() {
        return labels.length;
    }

    ObjectId id(int position) {
        return ObjectId.fromRaw(ids, position * Constants.OBJECT_ID_LENGTH);
    }

    /** The first target branch (in map order) whose tip reaches the commit, or null without names. */
    String branch(int position) {
        int label = labels[position];
        return label < branchNames.length ? branchNames[label] : null;
    }

    /**
     * @param targets label (branch name) to tip sha, in labelling preference order
     * @param known   tips already published; their history is excluded. Unknown ids are ignored.
     * @param labelled whether the target keys are branch names to label commits with
     */
    static CommitOrder compute(ObjectReader reader, Map<String, String> targets, Collection<String> known,
                               boolean labelled) {
        try (IndexingWalk walk = new IndexingWalk(reader)) {
            walk.setRetainBody(false);
            String[] names = targets.keySet().toArray(new String[0]);
            List<IndexedCommit> tips = new ArrayList<>(names.length);
            for (String name : names) {
                IndexedCommit tip = parseTip(walk, targets.get(name), "tip of " + name);
                tips.add(tip);
                walk.markStart(tip);
            }
            for (String sha : known) {
                ObjectId id = parseId(sha, "known tip");
                try {
                    walk.markUninteresting(walk.parseCommit(id));
                } catch (MissingObjectException e) {
                    // A known tip that vanished (gc after a force-push) excludes nothing; the
                    // caller is expected to detect the rewrite with isAncestor.
                    LOG.warn("Known tip {} is not in the repository any more; ignoring it", sha);
                }
            }
            List<IndexedCommit> commits = new ArrayList<>();
            for (RevCommit c : walk) {
                IndexedCommit ic = (IndexedCommit) c;
                ic.index = commits.size();
                commits.add(ic);
            }
            return sort(commits, tips, labelled ? names : new String[0]);
        } catch (IOException e) {
            throw new GitException("Cannot walk commit history: " + e.getMessage(), e);
        }
    }

    private static CommitOrder sort(List<IndexedCommit> commits, List<IndexedCommit> tips, String[] names) {
        int n = commits.size();
        int[] pendingParents = new int[n];
        int[] childStart = new int[n + 1];
        for (IndexedCommit c : commits) {
            for (RevCommit p : c.getParents()) {
                int pi = ((IndexedCommit) p).index;
                if (pi >= 0) {
                    pendingParents[c.index]++;
                    childStart[pi + 1]++;
                }
            }
        }
        for (int i = 0; i < n; i++) {
            childStart[i + 1] += childStart[i];
        }
        int[] children = new int[childStart[n]];
        int[] fill = Arrays.copyOf(childStart, n);
        for (IndexedCommit c : commits) {
            for (RevCommit p : c.getParents()) {
                int pi = ((IndexedCommit) p).index;
                if (pi >= 0) {
                    children[fill[pi]++] = c.index;
                }
            }
        }

        ReadyHeap ready = new ReadyHeap(n, commits);
        for (int i = 0; i < n; i++) {
            if (pendingParents[i] == 0) {
                ready.push(i);
            }
        }
        int[] order = new int[n];
        int placed = 0;
        while (!ready.isEmpty()) {
            int c = ready.pop();
            order[placed++] = c;
            for (int k = childStart[c]; k < childStart[c + 1]; k++) {
                if (--pendingParents[children[k]] == 0) {
                    ready.push(children[k]);
                }
            }
        }
        if (placed != n) {
            throw new GitException("Commit graph has a cycle; the repository is corrupt");
        }

        // Children before parents: each commit hands its label to its parents, keeping the
        // smallest, so a commit gets the first target branch (in map order) that reaches it.
        int[] labelByIndex = new int[n];
        Arrays.fill(labelByIndex, Integer.MAX_VALUE);
        for (int b = 0; b < tips.size(); b++) {
            int ti = tips.get(b).index;
            if (ti >= 0) {
                labelByIndex[ti] = Math.min(labelByIndex[ti], b);
            }
        }
        for (int pos = n - 1; pos >= 0; pos--) {
            IndexedCommit c = commits.get(order[pos]);
            for (RevCommit p : c.getParents()) {
                int pi = ((IndexedCommit) p).index;
                if (pi >= 0 && labelByIndex[c.index] < labelByIndex[pi]) {
                    labelByIndex[pi] = labelByIndex[c.index];
                }
            }
        }

        byte[] ids = new byte[n * Constants.OBJECT_ID_LENGTH];
        int[] labels = new int[n];
        for (int pos = 0; pos < n; pos++) {
            IndexedCommit c = commits.get(order[pos]);
            c.copyRawTo(ids, pos * Constants.OBJECT_ID_LENGTH);
            labels[pos] = labelByIndex[c.index];
        }
        return new CommitOrder(ids, labels, names);
    }

    private static IndexedCommit parseTip(RevWalk walk, String sha, String what) throws IOException {
        ObjectId id = parseId(sha, what);
        try {
            return (IndexedCommit) walk.parseCommit(id);
        } catch (MissingObjectException e) {
            throw new GitException("Commit " + sha + " (" + what + ") does not exist in the repository", e);
        }
    }

    static ObjectId parseId(String sha, String what) {
        if (sha == null || !ObjectId.isId(sha)) {
            throw new GitException("Not a full 40-character commit id (" + what + "): " + sha);
        }
        return ObjectId.fromString(sha);
    }

    /** A walk whose commits carry their position in the collected list (-1: not selected). */
    private static final class IndexingWalk extends RevWalk {
        IndexingWalk(ObjectReader reader) {
            super(reader);
        }

        @Override
        protected RevCommit createCommit(AnyObjectId id) {
            return new IndexedCommit(id);
        }
    }

    private static final class IndexedCommit extends RevCommit {
        int index = -1;

        IndexedCommit(AnyObjectId id) {
            super(id);
        }
    }

    /** Binary min-heap of commit indexes ordered by (committer time, id); avoids boxing. */
    private static final class ReadyHeap {
        private final int[] heap;
        private final List<IndexedCommit> commits;
        private int size;

        ReadyHeap(int capacity, List<IndexedCommit> commits) {
            this.heap = new int[Math.max(1, capacity)];
            this.commits = commits;
        }

        boolean isEmpty() {
            return size == 0;
        }

        void push(int c) {
            int i = size++;
            heap[i] = c;
            while (i > 0) {
                int parent = (i - 1) >>> 1;
                if (less(heap[parent], heap[i])) {
                    break;
                }
                swap(i, parent);
                i = parent;
            }
        }

        int pop() {
            int top = heap[0];
            heap[0] = heap[--size];
            int i = 0;
            while (true) {
                int l = 2 * i + 1;
                int r = l + 1;
                int smallest = i;
                if (l < size && less(heap[l], heap[smallest])) {
                    smallest = l;
                }
                if (r < size && less(heap[r], heap[smallest])) {
                    smallest = r;
                }
                if (smallest == i) {
                    return top;
                }
                swap(i, smallest);
                i = smallest;
            }
        }

        private boolean less(int a, int b) {
            RevCommit ca = commits.get(a);
            RevCommit cb = commits.get(b);
            int byTime = Integer.compare(ca.getCommitTime(), cb.getCommitTime());
            return byTime != 0 ? byTime < 0 : ca.compareTo(cb) < 0;
        }

        private void swap(int i, int j) {
            int t = heap[i];
            heap[i] = heap[j];
            heap[j] = t;
        }
    }
}
