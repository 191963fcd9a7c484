package dev.episodic.connect.slack;

import java.util.Collections;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * What the cursor knows of one message inside the edits window: the {@code ts} of its last edit, whether it was
 * deleted, and its reactions as {@code name/user} pairs.
 */
record Tracked(SlackTs editTs, boolean deleted, SortedSet<String> reactions) {
    Tracked {
        reactions = Collections.unmodifiableSortedSet(new TreeSet<>(reactions));
    }

    static Tracked of(final SlackTs editTs) {
        return new Tracked(editTs, false, new TreeSet<>());
    }

    Tracked withEdit(final SlackTs edit) {
        return new Tracked(edit, deleted, reactions);
    }

    Tracked asDeleted() {
        return new Tracked(editTs, true, reactions);
    }

    Tracked withReaction(final String pair, final boolean present) {
        TreeSet<String> next = new TreeSet<>(reactions);
        if (present) {
            next.add(pair);
        } else {
            next.remove(pair);
        }
        return new Tracked(editTs, deleted, next);
    }
}
