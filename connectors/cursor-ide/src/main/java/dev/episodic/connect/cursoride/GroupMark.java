package dev.episodic.connect.cursoride;

import java.util.ArrayList;
import java.util.List;

/**
 * Where a stream stands in one group of items (a composer's conversation, a chat tab, the prompt list, the
 * generation list): the group's time and change fingerprint when it was last read to its end, how many items
 * were handled, the list position of the last one and the hashed keys of the last few. Cursor rewrites its
 * arrays whole and trims them from the front, so the position alone is not enough: the tail keys locate where
 * we stopped in the rewritten list, the position picks the right match among repeated items.
 *
 * @param time        the group's own time (update time of a composer, last send time of a tab), epoch ms
 * @param count       items of this group handled so far (emitted or deliberately skipped)
 * @param position    list index of the last handled item at the time it was handled; -1 before the first
 * @param fingerprint change fingerprint of the group when it was read to its end; empty while items are pending
 * @param previous    the fingerprint of the last complete read, kept while a newer read is in progress
 * @param tail        hashed keys ({@link Hashes#key}) of the last handled items, oldest first, at most {@link #TAIL}
 */
record GroupMark(long time, long count, long position, String fingerprint, String previous, List<String> tail) {
    static final int TAIL = 3;

    GroupMark {
        tail = List.copyOf(tail);
        if (tail.size() > TAIL) {
            throw new IllegalArgumentException("tail holds at most " + TAIL + " keys");
        }
    }

    static GroupMark start(final long time, final String previousFingerprint) {
        return new GroupMark(time, 0, -1, "", previousFingerprint, List.of());
    }

    boolean complete() {
        return !fingerprint.isEmpty();
    }

    /** The mark after one more item at {@code index} of the current list was handled. */
    GroupMark handled(final int index, final String itemKey) {
        List<String> next = new ArrayList<>(tail);
        next.add(Hashes.key(itemKey));
        while (next.size() > TAIL) {
            next.remove(0);
        }
        return new GroupMark(time, count + 1, index, "", previous, next);
    }

    /** Reading the group begins again (it changed); what was handled stays, the fingerprint waits for the end. */
    GroupMark reopened(final long newTime) {
        return new GroupMark(Math.max(time, newTime), count, position, "", complete() ? fingerprint : previous, tail);
    }

    GroupMark completed(final String newFingerprint, final long newTime) {
        return new GroupMark(Math.max(time, newTime), count, position, newFingerprint, "", tail);
    }

    /** The last complete fingerprint: the current one when complete, else the one kept from before. */
    String lastCompleteFingerprint() {
        return complete() ? fingerprint : previous;
    }

    /**
     * Index in {@code keys} of the first item not handled yet. Finds the last handled item by its tail, taking
     * the rightmost match at or before the remembered position (a rewrite only trims the front, so the item can
     * only move left); if the last item vanished, the one before it anchors, and so on. With no anchor left,
     * the whole list is new (it was trimmed past everything we had seen).
     */
    int resumeIndex(final List<String> keys) {
        if (tail.isEmpty()) {
            return 0;
        }
        // Hashed on demand: the match is nearly always at the remembered position, so a long conversation costs
        // a few hashes, not one per bubble.
        List<String> hashed = new java.util.AbstractList<>() {
            private final String[] cache = new String[keys.size()];

            @Override
            public String get(final int index) {
                if (cache[index] == null) {
                    cache[index] = Hashes.key(keys.get(index));
                }
                return cache[index];
            }

            @Override
            public int size() {
                return keys.size();
            }
        };
        for (int anchor = tail.size() - 1; anchor >= 0; anchor--) {
            int from = (int) Math.min(hashed.size() - 1L, Math.max(position, 0L));
            for (int j = from; j >= 0; j--) {
                if (matchesAt(hashed, j, anchor)) {
                    return j + 1;
                }
            }
            // The remembered position may lie before the item when the list grew in front (should not happen
            // with Cursor's append-only arrays); search the rest too rather than re-emit.
            for (int j = hashed.size() - 1; j > from; j--) {
                if (matchesAt(hashed, j, anchor)) {
                    return j + 1;
                }
            }
        }
        return 0;
    }

    private boolean matchesAt(final List<String> hashed, final int j, final int anchor) {
        for (int m = 0; m <= anchor; m++) {
            int index = j - m;
            if (index < 0) {
                return true;
            }
            if (!hashed.get(index).equals(tail.get(anchor - m))) {
                return false;
            }
        }
        return true;
    }

    /** Whether {@code itemKey} is among the last handled ones: a guard against re-emitting after a reorder. */
    boolean recentlyHandled(final String itemKey) {
        return tail.contains(Hashes.key(itemKey));
    }

    String encode() {
        return time + "|" + count + "|" + position + "|" + fingerprint + "|" + previous + "|" + String.join(",", tail);
    }

    static GroupMark decode(final String text) {
        String[] parts = text.split("\\|", -1);
        if (parts.length != 6) {
            throw new IllegalArgumentException("expected time|count|position|fingerprint|previous|tail but got '"
                    + text + "'");
        }
        List<String> tail = parts[5].isEmpty() ? List.of() : List.of(parts[5].split(","));
        return new GroupMark(Long.parseLong(parts[0]), Long.parseLong(parts[1]), Long.parseLong(parts[2]),
                parts[3], parts[4], tail);
    }
}
