package dev.episodic.connect.slack;

import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * Encoded cursor entries by {@code ts}, and their comma-joined text, kept up to date cheaply for the common changes:
 * an entry added after the last one (a new message) or the first one dropped (the cap or the window moving on) touch
 * the joined text once instead of re-joining every entry. A snapshot is taken after every event, so re-joining tens
 * of thousands of entries each time would dominate a backfill.
 */
final class JoinedEntries {
    private final NavigableMap<SlackTs, String> entries = new TreeMap<>();
    private String joined = "";
    private boolean stale;
    private int chars;

    /** Characters of the joined text (entries plus separators). */
    int chars() {
        return chars;
    }

    boolean isEmpty() {
        return entries.isEmpty();
    }

    SlackTs firstKey() {
        return entries.firstKey();
    }

    void put(final SlackTs ts, final String text) {
        boolean appends = !stale && (entries.isEmpty() || entries.lastKey().compareTo(ts) < 0);
        String old = entries.put(ts, text);
        if (old != null) {
            chars -= old.length() + (entries.size() > 1 ? 1 : 0);
            stale = true;
        }
        chars += text.length() + (entries.size() > 1 ? 1 : 0);
        if (appends && old == null) {
            joined = joined.isEmpty() ? text : joined + "," + text;
        } else {
            stale = true;
        }
    }

    void remove(final SlackTs ts) {
        boolean first = !entries.isEmpty() && entries.firstKey().equals(ts);
        String old = entries.remove(ts);
        if (old == null) {
            return;
        }
        chars -= old.length() + (entries.isEmpty() ? 0 : 1);
        if (first && !stale) {
            joined = entries.isEmpty() ? "" : joined.substring(old.length() + 1);
        } else {
            stale = true;
        }
    }

    String joined() {
        if (stale) {
            StringBuilder b = new StringBuilder(chars + 16);
            for (String entry : entries.values()) {
                b.append(b.length() == 0 ? "" : ",").append(entry);
            }
            joined = b.toString();
            stale = false;
        }
        return joined;
    }
}
