package dev.episodic.connect.slack;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Set;

/**
 * The in-memory side of one edits-window pass of a channel. Where its history pages stand lives in the cursor
 * ({@link ChannelState#rescan()}), so a restart resumes the pages; which threads it already asked lives only
 * here, so a restart asks them again (harmless: every check compares with the cursor and reports nothing twice).
 */
final class WindowPass {
    /** One thread to ask with {@code conversations.replies}, from just after {@code oldest}. */
    record ThreadCheck(SlackTs parent, SlackTs oldest) {
    }

    private final Instant startedAt;
    private final Set<SlackTs> checked = new HashSet<>();
    private Deque<ThreadCheck> threads;
    private boolean pagesDone;

    WindowPass(final Instant startedAt) {
        this.startedAt = startedAt;
    }

    Instant startedAt() {
        return startedAt;
    }

    boolean pagesDone() {
        return pagesDone;
    }

    void pagesDone(final boolean done) {
        this.pagesDone = done;
    }

    /** Threads still to ask, or null before the pages are done and the list is made. */
    Deque<ThreadCheck> threads() {
        return threads;
    }

    void threads(final Deque<ThreadCheck> queue) {
        this.threads = new ArrayDeque<>(queue);
    }

    void checked(final SlackTs parent) {
        checked.add(parent);
    }

    boolean wasChecked(final SlackTs parent) {
        return checked.contains(parent);
    }
}
