package dev.episodic.connect.slack;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The live, mutable form of a {@link SlackChannelCursor}. Every change the task makes here corresponds to one
 * event it hands to Connect (or to pruning that the next round would redo anyway), so the snapshot taken after
 * an event is exactly what the stream has delivered.
 *
 * <p>Text forms: threads are {@code parentTs>lastReplyTs} joined by commas; window entries are
 * {@code ts;editTs|-;d|-;reactions} for a top-level message and {@code ts;editTs|-;d|-;reactions;parentTs} for a
 * thread reply, joined by commas, reactions being URL-encoded {@code name/user} pairs joined by spaces. Both forms
 * are capped ({@link #MAX_WINDOW_CHARS}, {@link #MAX_THREAD_CHARS}); beyond the cap the oldest entries leave first,
 * which only narrows how far back edits and old threads are followed. {@code rescan} is where the edits-window
 * pass in progress stands (one timestamp; absent when no pass is under way).
 */
public final class ChannelState {
    static final int MAX_WINDOW_CHARS = 384 * 1024;
    static final int MAX_THREAD_CHARS = 64 * 1024;

    private long seq;
    private SlackTs watermark;
    private SlackTs rescan;
    private final NavigableMap<SlackTs, SlackTs> threads = new TreeMap<>();
    private final NavigableMap<SlackTs, Tracked> window = new TreeMap<>();
    /** Encoded entries, kept so a snapshot after every event does not re-encode the whole state. */
    private final JoinedEntries threadText = new JoinedEntries();
    private final JoinedEntries windowText = new JoinedEntries();

    public static ChannelState fromCursor(final SlackChannelCursor cursor) {
        ChannelState state = new ChannelState();
        state.seq = cursor.seq();
        state.watermark = cursor.ts() == null ? null : SlackTs.parse(cursor.ts());
        state.rescan = cursor.rescan() == null ? null : SlackTs.parse(cursor.rescan());
        for (String entry : split(cursor.threads())) {
            int gt = entry.indexOf('>');
            if (gt < 0) {
                throw new IllegalArgumentException("thread entry '" + entry + "' is not parentTs>lastReplyTs");
            }
            state.putThread(SlackTs.parse(entry.substring(0, gt)), SlackTs.parse(entry.substring(gt + 1)));
        }
        for (String entry : split(cursor.window())) {
            String[] parts = entry.split(";", -1);
            if (parts.length != 4 && parts.length != 5) {
                throw new IllegalArgumentException("window entry '" + entry
                        + "' is not ts;editTs;flag;reactions or ts;editTs;flag;reactions;parentTs");
            }
            SlackTs edit = parts[1].equals("-") ? null : SlackTs.parse(parts[1]);
            if (!parts[2].equals("d") && !parts[2].equals("-")) {
                throw new IllegalArgumentException("window entry '" + entry + "' has flag '" + parts[2] + "'");
            }
            TreeSet<String> reactions = new TreeSet<>();
            for (String pair : parts[3].isEmpty() ? new String[0] : parts[3].split(" ")) {
                reactions.add(URLDecoder.decode(pair, StandardCharsets.UTF_8));
            }
            SlackTs parent = parts.length == 5 ? SlackTs.parse(parts[4]) : null;
            state.putTracked(SlackTs.parse(parts[0]), new Tracked(edit, parts[2].equals("d"), reactions, parent));
        }
        return state;
    }

    public SlackChannelCursor toCursor() {
        return new SlackChannelCursor(seq, watermark == null ? null : watermark.toString(), threadText.joined(),
                windowText.joined(),
                rescan == null ? null : rescan.toString());
    }

    public long seq() {
        return seq;
    }

    /** The sequence of the next event, which this state now stands at. */
    public long nextSeq() {
        return ++seq;
    }

    public Optional<SlackTs> watermark() {
        return Optional.ofNullable(watermark);
    }

    public void watermark(final SlackTs ts) {
        this.watermark = ts;
    }

    /** Where the edits-window pass in progress stands: the exclusive upper bound of its next page. */
    public Optional<SlackTs> rescan() {
        return Optional.ofNullable(rescan);
    }

    /**
     * Moves the pass position. Called only when every event of the messages above {@code position} has been
     * handed over, so a cursor snapshot never claims a position whose changes were not delivered.
     */
    public void rescan(final SlackTs position) {
        this.rescan = position;
    }

    public Optional<SlackTs> lastReply(final SlackTs parent) {
        return Optional.ofNullable(threads.get(parent));
    }

    public NavigableMap<SlackTs, SlackTs> threads() {
        return java.util.Collections.unmodifiableNavigableMap(threads);
    }

    public void recordReply(final SlackTs parent, final SlackTs reply) {
        putThread(parent, reply);
    }

    public Optional<Tracked> tracked(final SlackTs ts) {
        return Optional.ofNullable(window.get(ts));
    }

    public NavigableMap<SlackTs, Tracked> window() {
        return java.util.Collections.unmodifiableNavigableMap(window);
    }

    public void track(final SlackTs ts, final Tracked tracked) {
        putTracked(ts, tracked);
    }

    /** Tracked replies of the thread of {@code parent}, by ts. */
    public NavigableMap<SlackTs, Tracked> trackedReplies(final SlackTs parent) {
        NavigableMap<SlackTs, Tracked> replies = new TreeMap<>();
        for (Map.Entry<SlackTs, Tracked> e : window.tailMap(parent, false).entrySet()) {
            if (parent.equals(e.getValue().parent())) {
                replies.put(e.getKey(), e.getValue());
            }
        }
        return replies;
    }

    /**
     * Forgets window entries older than {@code windowStart} and threads whose last reply is older than
     * {@code watchStart} and whose parent is older than {@code windowStart} (a parent still inside the window
     * keeps its entry, so its replies are never read twice).
     */
    public void prune(final SlackTs windowStart, final SlackTs watchStart) {
        while (!window.isEmpty() && window.firstKey().compareTo(windowStart) < 0) {
            removeTracked(window.firstKey());
        }
        Iterator<Map.Entry<SlackTs, SlackTs>> it = threads.entrySet().iterator();
        while (it.hasNext()) {
            Map.Entry<SlackTs, SlackTs> e = it.next();
            if (e.getKey().compareTo(windowStart) < 0 && e.getValue().compareTo(watchStart) < 0) {
                threadText.remove(e.getKey());
                it.remove();
            }
        }
    }

    private void putThread(final SlackTs parent, final SlackTs reply) {
        threads.put(parent, reply);
        threadText.put(parent, threadEntry(parent, reply));
        if (threadText.chars() > MAX_THREAD_CHARS) {
            // Threads whose last reply is oldest are the least likely to get another one. Dropping a tenth at once
            // keeps this sort rare.
            List<Map.Entry<SlackTs, SlackTs>> stalestFirst = new ArrayList<>(threads.entrySet());
            stalestFirst.sort(Map.Entry.comparingByValue());
            for (Map.Entry<SlackTs, SlackTs> e : stalestFirst) {
                if (threadText.chars() <= MAX_THREAD_CHARS * 9 / 10 || threads.size() <= 1) {
                    break;
                }
                threads.remove(e.getKey());
                threadText.remove(e.getKey());
            }
        }
    }

    private void putTracked(final SlackTs ts, final Tracked tracked) {
        window.put(ts, tracked);
        windowText.put(ts, windowEntry(ts, tracked));
        while (windowText.chars() > MAX_WINDOW_CHARS && window.size() > 1) {
            removeTracked(window.firstKey());
        }
    }

    private void removeTracked(final SlackTs ts) {
        window.remove(ts);
        windowText.remove(ts);
    }

    private static String threadEntry(final SlackTs parent, final SlackTs reply) {
        return parent + ">" + reply;
    }

    private static String windowEntry(final SlackTs ts, final Tracked t) {
        StringBuilder b = new StringBuilder(40).append(ts).append(';')
                .append(t.editTs() == null ? "-" : t.editTs().toString()).append(';')
                .append(t.deleted() ? "d" : "-").append(';');
        boolean first = true;
        for (String pair : t.reactions()) {
            b.append(first ? "" : " ").append(URLEncoder.encode(pair, StandardCharsets.UTF_8));
            first = false;
        }
        if (t.parent() != null) {
            b.append(';').append(t.parent());
        }
        return b.toString();
    }

    private static String[] split(final String text) {
        return text == null || text.isEmpty() ? new String[0] : text.split(",");
    }
}
