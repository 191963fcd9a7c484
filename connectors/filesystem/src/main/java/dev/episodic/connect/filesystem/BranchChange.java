package dev.episodic.connect.filesystem;

import dev.episodic.connect.filesystem.git.GitHistory;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;

/**
 * A change of a branch between the recorded tips and a sync's targets. Computed the same way every time from
 * the same two tip maps, so a sync resumed after a restart emits the same branch events in the same order.
 */
record BranchChange(Kind kind, String branch, String oldSha, String newSha) {
    enum Kind { DELETED, REWRITTEN, CREATED }

    /** Deletions, then rewrites, then creations; by branch name within each kind. */
    static List<BranchChange> between(final SortedMap<String, String> recorded, final SortedMap<String, String> targets,
                                      final GitHistory git) {
        List<BranchChange> changes = new ArrayList<>();
        for (Map.Entry<String, String> tip : recorded.entrySet()) {
            if (!targets.containsKey(tip.getKey())) {
                changes.add(new BranchChange(Kind.DELETED, tip.getKey(), tip.getValue(), null));
            }
        }
        for (Map.Entry<String, String> tip : recorded.entrySet()) {
            String target = targets.get(tip.getKey());
            if (target != null && !target.equals(tip.getValue()) && !git.isAncestor(tip.getValue(), target)) {
                changes.add(new BranchChange(Kind.REWRITTEN, tip.getKey(), tip.getValue(), target));
            }
        }
        for (Map.Entry<String, String> target : targets.entrySet()) {
            if (!recorded.containsKey(target.getKey())) {
                changes.add(new BranchChange(Kind.CREATED, target.getKey(), null, target.getValue()));
            }
        }
        return changes;
    }
}
