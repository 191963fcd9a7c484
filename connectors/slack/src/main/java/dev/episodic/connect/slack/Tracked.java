package dev.episodic.connect.slack;

import java.util.Collections;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * What the cursor knows of one message inside the edits window: the {@code ts} of its last edit, whether it was
 * deleted, its reactions as {@code name/user} pairs, and, for a thread reply, its parent's {@code ts} (null for a
 * top-level message). The parent says where the message can be seen again: a top-level message in
 * {@code conversations.history}, a reply only in its thread's {@code conversations.replies}.
 */
record Tracked(SlackTs editTs, boolean deleted, SortedSet<String> reactions, SlackTs parent) {
    Tracked {
        reactions = Collections.unmodifiableSortedSet(new TreeSet<>(reactions));
    }

    static Tracked of(final SlackTs editTs) {
        return new Tracked(editTs, false, new TreeSet<>(), null);
    }

    static Tracked reply(final SlackTs parent, final SlackTs editTs) {
        return new Tracked(editTs, false, new TreeSet<>(), parent);
    }

    boolean isReply() {
        return parent != null;
    }

    Tracked withEdit(final SlackTs edit) {
        return new Tracked(edit, deleted, reactions, parent);
    }

    Tracked asDeleted() {
        return new Tracked(editTs, true, reactions, parent);
    }

    Tracked withReaction(final String pair, final boolean present) {
        TreeSet<String> next = new TreeSet<>(reactions);
        if (present) {
            next.add(pair);
        } else {
            next.remove(pair);
        }
        return new Tracked(editTs, deleted, next, parent);
    }
}
