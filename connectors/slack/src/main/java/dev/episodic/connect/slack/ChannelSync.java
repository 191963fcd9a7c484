package dev.episodic.connect.slack;

import com.fasterxml.jackson.databind.JsonNode;
import dev.episodic.connect.common.cursor.StreamPartition;
import dev.episodic.connect.common.event.EpisodicEvent;
import dev.episodic.connect.common.task.EventBatch;
import dev.episodic.connect.slack.WindowPass.ThreadCheck;
import dev.episodic.connect.slack.client.Page;
import dev.episodic.connect.slack.client.SlackApiException;
import dev.episodic.connect.slack.client.SlackWebClient;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * Reads one channel in rounds, each of which costs one Slack call when nothing happened:
 *
 * <ul>
 *   <li>A <em>head</em> round reads {@code conversations.history} newest first from the top, down to the watermark
 *       (one page when idle; every page of a backfill). Besides the new messages (emitted in ascending
 *       {@code ts} order), that page shows the newest messages again, so their edits, reactions, deletions and
 *       new thread replies are caught every round.</li>
 *   <li>An edits-window <em>pass</em> starts every {@code slack.edits.interval.ms} and re-reads the rest of the
 *       window one step per round: one history page going down from where the head stopped (the position
 *       {@code rescan} is kept in the cursor), then one {@code conversations.replies} call per thread that was
 *       active within the window (its replies' edits, deletions and reactions) or is an old watched thread due
 *       for a check. While a pass is under way, its steps take turns with head rounds.</li>
 * </ul>
 *
 * <p>Every event travels with the cursor as it stands after it; a round interrupted anywhere (restart, full batch,
 * rate limit) is resumed from state rebuilt from the cursor, so nothing is repeated or skipped.
 */
final class ChannelSync {
    private enum Phase { IDLE, SCANNING, EMITTING }

    private enum Kind { HEAD, PASS }

    private static final Set<String> THREAD_GONE = Set.of("thread_not_found", "message_not_found");

    private final Channel channel;
    private final ChannelState state;
    private final SlackWebClient client;
    private final UserDirectory users;
    private final SyncSettings settings;
    private final Clock clock;
    private final MessageEvents events;
    private final Map<String, String> partition;
    private final Map<SlackTs, Instant> oldThreadChecks = new HashMap<>();
    private final Deque<Pending> pending = new ArrayDeque<>();
    private final Deque<Step> steps = new ArrayDeque<>();

    private Phase phase = Phase.IDLE;
    private Kind kind = Kind.HEAD;
    private boolean passTurn;
    private WindowPass pass;
    private Instant nextPassAt;
    /** The lowest ts the last head round saw with nothing missing above it; a pass need not read above it. */
    private SlackTs headLow;

    private Instant noticedAt;
    private SlackTs windowStart;
    private SlackTs scanOldest;
    private SlackTs scanLatest;
    private String pageCursor;
    private NavigableMap<SlackTs, JsonNode> scanned;

    private long roundsDone;
    private long passesDone;
    private long passSteps;

    ChannelSync(final Channel channel, final SlackChannelCursor cursor, final SlackWebClient client,
                final UserDirectory users, final SyncSettings settings, final String sourceId, final Clock clock) {
        this.channel = channel;
        this.state = ChannelState.fromCursor(cursor);
        this.client = client;
        this.users = users;
        this.settings = settings;
        this.clock = clock;
        this.events = new MessageEvents(sourceId, channel, settings.includePayload());
        this.partition = StreamPartition.of(channel.stream());
        // A fresh start's head round re-reads the newest page anyway; the first pass comes one interval later,
        // unless the cursor says a pass was under way, which then resumes at once.
        this.nextPassAt = clock.instant().plus(settings.editsInterval());
    }

    Channel channel() {
        return channel;
    }

    SlackChannelCursor cursor() {
        return state.toCursor();
    }

    /** True while a round is under way (more to read or emit without waiting for the poll interval). */
    boolean inRound() {
        return phase != Phase.IDLE;
    }

    /**
     * Works on the current round (starting one if idle) until the batch is full, the round ends, or
     * {@code deadlineNanos} passes. Returns true when the round ended.
     */
    boolean step(final EventBatch batch, final long deadlineNanos) throws InterruptedException {
        if (phase == Phase.IDLE) {
            startRound();
        }
        while (phase == Phase.SCANNING && System.nanoTime() < deadlineNanos) {
            if (kind == Kind.HEAD) {
                scanHeadPage();
            } else {
                scanPassPage();
            }
        }
        while (phase == Phase.EMITTING && batch.hasRoom() && System.nanoTime() < deadlineNanos) {
            if (!pending.isEmpty()) {
                emit(batch, pending.pollFirst());
            } else if (!planNext()) {
                endRound();
            }
        }
        return phase == Phase.IDLE;
    }

    // ---- rounds ----

    private void startRound() {
        Instant now = clock.instant();
        noticedAt = now;
        windowStart = settings.editsWindow().isZero() ? null : SlackTs.of(now.minus(settings.editsWindow()));
        state.prune(windowStart == null ? SlackTs.of(now) : windowStart, SlackTs.of(now.minus(settings.threadWatch())));
        if (pass == null && (state.rescan().isPresent() || !now.isBefore(nextPassAt))) {
            pass = new WindowPass(now);
        }
        if (pass != null && passTurn) {
            passTurn = false;
            if (startPassStep(now)) {
                kind = Kind.PASS;
                return;
            }
            endPass();
        }
        passTurn = true;
        kind = Kind.HEAD;
        startHead();
    }

    private void startHead() {
        SlackTs floor = SlackTs.of(settings.oldest());
        SlackTs start = state.watermark().orElse(floor);
        if (windowStart != null && windowStart.compareTo(start) < 0) {
            start = windowStart;
        }
        scanOldest = max(start, floor);
        pageCursor = null;
        scanned = new TreeMap<>();
        phase = Phase.SCANNING;
    }

    /** Reads head pages until one reaches the watermark (all new messages are then in hand) or history ends. */
    private void scanHeadPage() throws InterruptedException {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("channel", channel.id());
        params.put("oldest", scanOldest.toString());
        params.put("inclusive", "true");
        params.put("limit", Integer.toString(settings.pageSize()));
        Page page = client.page("conversations.history", params, "messages", pageCursor, channel.id());
        collect(page);
        pageCursor = page.nextCursor();
        boolean reachedWatermark = !scanned.isEmpty()
                && state.watermark().map(w -> scanned.firstKey().compareTo(w) <= 0).orElse(false);
        if (page.isLast() || reachedWatermark) {
            boolean complete = page.isLast() || scanned.isEmpty();
            SlackTs coveredFrom = complete ? scanOldest : scanned.firstKey();
            headLow = coveredFrom;
            for (JsonNode message : scanned.values()) {
                steps.add(planned -> planHistoryMessage(message, planned));
            }
            steps.add(planned -> planDeletions(coveredFrom, true, null, planned));
            phase = Phase.EMITTING;
        }
    }

    /** Sets up the pass's next step; false when the pass has nothing left. */
    private boolean startPassStep(final Instant now) {
        SlackTs lower = windowStart == null ? null : max(windowStart, SlackTs.of(settings.oldest()));
        if (!pass.pagesDone()) {
            SlackTs pos = state.rescan().orElse(state.watermark().map(SlackTs::next).orElse(null));
            if (pos != null && headLow != null && headLow.compareTo(pos) < 0) {
                // The head round that just ended saw everything from headLow up.
                pos = headLow;
            }
            if (lower != null && pos != null && pos.compareTo(lower) > 0) {
                state.rescan(pos);
                scanOldest = lower;
                scanLatest = pos;
                scanned = new TreeMap<>();
                phase = Phase.SCANNING;
                return true;
            }
            pass.pagesDone(true);
            state.rescan(lower);
        }
        if (pass.threads() == null) {
            pass.threads(threadsToCheck(now));
        }
        Deque<ThreadCheck> queue = pass.threads();
        while (!queue.isEmpty()) {
            ThreadCheck check = queue.peekFirst();
            if (pass.wasChecked(check.parent()) || state.lastReply(check.parent()).isEmpty()) {
                // Asked already in this pass (its latest_reply moved, or a backfill read it), or no longer watched.
                queue.pollFirst();
                continue;
            }
            steps.add(planned -> {
                planThread(check.parent(), check.oldest(), planned);
                pass.checked(check.parent());
                oldThreadChecks.put(check.parent(), clock.instant());
                queue.pollFirst();
                passSteps++;
            });
            phase = Phase.EMITTING;
            return true;
        }
        return false;
    }

    /** One history page of the pass, going down from {@code rescan} towards the start of the window. */
    private void scanPassPage() throws InterruptedException {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("channel", channel.id());
        params.put("oldest", scanOldest.toString());
        params.put("latest", scanLatest.toString());
        params.put("inclusive", "false");
        params.put("limit", Integer.toString(settings.pageSize()));
        Page page = client.page("conversations.history", params, "messages", null, channel.id());
        collect(page);
        boolean complete = page.isLast() || scanned.isEmpty();
        SlackTs from = complete ? scanOldest : scanned.firstKey();
        SlackTs latest = scanLatest;
        for (JsonNode message : scanned.values()) {
            steps.add(planned -> planHistoryMessage(message, planned));
        }
        steps.add(planned -> planDeletions(from, !complete, latest, planned));
        steps.add(planned -> {
            // Every event of this page is handed over: the position may move past it.
            state.rescan(from);
            passSteps++;
        });
        phase = Phase.EMITTING;
    }

    private void collect(final Page page) {
        for (JsonNode message : page.items()) {
            String ts = message.path("ts").asText("");
            if (!ts.isEmpty()) {
                scanned.put(SlackTs.parse(ts), message);
            }
        }
    }

    /**
     * Threads the pass asks once each: those active within the window (a reply inside it, so replies there may
     * have been edited, deleted or reacted to), and old watched threads whose parent is beyond the window, at
     * most once per {@code oldThreadCheckEvery}.
     */
    private Deque<ThreadCheck> threadsToCheck(final Instant now) {
        Deque<ThreadCheck> checks = new ArrayDeque<>();
        if (!settings.threads()) {
            return checks;
        }
        oldThreadChecks.keySet().retainAll(state.threads().keySet());
        for (Map.Entry<SlackTs, SlackTs> thread : state.threads().entrySet()) {
            SlackTs parent = thread.getKey();
            SlackTs lastReply = thread.getValue();
            if (windowStart != null && lastReply.compareTo(windowStart) >= 0) {
                checks.add(new ThreadCheck(parent, oldestFor(parent, lastReply)));
                continue;
            }
            Instant last = oldThreadChecks.get(parent);
            if (last == null) {
                // First sight in this task: check after one interval, not at once, so a restart does not burst.
                oldThreadChecks.put(parent, now);
            } else if (!last.plus(settings.oldThreadCheckEvery()).isAfter(now)) {
                checks.add(new ThreadCheck(parent, lastReply));
            }
        }
        return checks;
    }

    private void endPass() {
        passesDone++;
        state.rescan(null);
        nextPassAt = pass.startedAt().plus(settings.editsInterval());
        pass = null;
    }

    private void endRound() {
        roundsDone++;
        phase = Phase.IDLE;
        scanned = null;
    }

    /**
     * Plans the next step: its events are queued and it is dropped, or it throws leaving both untouched, so a
     * fault in the middle (rate limit, 5xx) retries the same step and never skips one. Steps run only when every
     * event of the steps before them has been handed over.
     */
    private boolean planNext() throws InterruptedException {
        if (steps.isEmpty()) {
            return false;
        }
        List<Pending> planned = new ArrayList<>();
        steps.peekFirst().plan(planned);
        steps.pollFirst();
        pending.addAll(planned);
        return true;
    }

    // ---- what a message, a thread, a missing message turn into ----

    private void planHistoryMessage(final JsonNode message, final List<Pending> planned) throws InterruptedException {
        SlackTs ts = SlackTs.parse(message.path("ts").asText());
        String threadTs = message.path("thread_ts").asText("");
        boolean isReply = !threadTs.isEmpty() && !SlackTs.parse(threadTs).equals(ts);
        if (isReply && settings.threads()) {
            // A reply broadcast to the channel: it comes (once) through its thread instead.
            return;
        }
        boolean isNew = state.watermark().map(ts::isAfter).orElse(true);
        if (isNew) {
            planNewMessage(message, ts, null, SlackEventType.MESSAGE_POSTED, planned);
        } else {
            Tracked tracked = state.tracked(ts).orElse(null);
            if (tracked != null) {
                planChanges(message, ts, tracked, planned);
            }
        }
        if (settings.threads() && message.path("reply_count").asInt(0) > 0) {
            String latest = message.path("latest_reply").asText("");
            SlackTs recorded = state.lastReply(ts).orElse(null);
            if (!latest.isEmpty() && (recorded == null || SlackTs.parse(latest).isAfter(recorded))) {
                planThread(ts, oldestFor(ts, recorded == null ? ts : recorded), planned);
                if (pass != null) {
                    pass.checked(ts);
                }
            }
        }
    }

    /** A message or reply seen for the first time; tracked (with the reactions it already has) inside the window. */
    private void planNewMessage(final JsonNode message, final SlackTs ts, final SlackTs parent,
                                final SlackEventType type, final List<Pending> planned) throws InterruptedException {
        boolean inWindow = windowStart != null && ts.compareTo(windowStart) >= 0;
        String userName = users.displayName(message.path("user").asText(null));
        Tracked first = parent == null ? Tracked.of(editTs(message)) : Tracked.reply(parent, editTs(message));
        planned.add(new Pending(events.posted(message, type, userName), s -> {
            if (parent == null) {
                s.watermark(ts);
            } else {
                s.recordReply(parent, ts);
            }
            if (inWindow) {
                s.track(ts, first);
            }
        }));
        if (inWindow) {
            for (String pair : MessageEvents.reactionPairs(message)) {
                planned.add(reactionEvent(message, ts, pair, true, first));
            }
        }
    }

    private void planChanges(final JsonNode message, final SlackTs ts, final Tracked tracked,
                             final List<Pending> planned) throws InterruptedException {
        if (tracked.deleted()) {
            return;
        }
        if ("tombstone".equals(message.path("subtype").asText(""))) {
            planned.add(new Pending(events.deleted(ts, message, noticedAt, tracked.parent()),
                    s -> s.track(ts, s.tracked(ts).orElse(tracked).asDeleted())));
            return;
        }
        SlackTs editTs = editTs(message);
        if (editTs != null && (tracked.editTs() == null || editTs.isAfter(tracked.editTs()))) {
            String editor = message.path("edited").path("user").asText(null);
            planned.add(new Pending(events.edited(message, editTs, users.displayName(editor)),
                    s -> s.track(ts, s.tracked(ts).orElse(tracked).withEdit(editTs))));
        }
        Set<String> now = new TreeSet<>(MessageEvents.reactionPairs(message));
        for (String pair : tracked.reactions()) {
            if (!now.contains(pair)) {
                planned.add(reactionEvent(message, ts, pair, false, tracked));
            }
        }
        for (String pair : now) {
            if (!tracked.reactions().contains(pair)) {
                planned.add(reactionEvent(message, ts, pair, true, tracked));
            }
        }
    }

    private Pending reactionEvent(final JsonNode message, final SlackTs ts, final String pair, final boolean added,
                                  final Tracked fallback) throws InterruptedException {
        int slash = pair.lastIndexOf('/');
        String name = pair.substring(0, slash);
        String user = pair.substring(slash + 1);
        EpisodicEvent.Builder event = events.reaction(message,
                added ? SlackEventType.REACTION_ADDED : SlackEventType.REACTION_REMOVED, name, user,
                users.displayName(user), noticedAt);
        return new Pending(event, s -> s.track(ts, s.tracked(ts).orElse(fallback).withReaction(pair, added)));
    }

    /**
     * Top-level tracked messages in the range a complete history read covered ({@code from}, inclusive or not, up
     * to {@code below}, exclusive; null = no upper bound) that the read did not return were deleted.
     */
    private void planDeletions(final SlackTs from, final boolean fromInclusive, final SlackTs below,
                               final List<Pending> planned) {
        NavigableMap<SlackTs, Tracked> range = below == null ? state.window().tailMap(from, fromInclusive)
                : state.window().subMap(from, fromInclusive, below, false);
        for (Map.Entry<SlackTs, Tracked> entry : range.entrySet()) {
            Tracked tracked = entry.getValue();
            if (!tracked.isReply() && !tracked.deleted() && !scanned.containsKey(entry.getKey())) {
                SlackTs ts = entry.getKey();
                planned.add(new Pending(events.deleted(ts, null, noticedAt, null), s -> s.track(ts, tracked.asDeleted())));
            }
        }
    }

    /**
     * One {@code conversations.replies} read of a thread (all its pages) from just after {@code oldest}: replies
     * newer than the last one recorded are new; older ones still tracked are compared for edits and reactions;
     * tracked replies of the thread the read no longer returns were deleted.
     */
    private void planThread(final SlackTs parent, final SlackTs oldest, final List<Pending> planned)
            throws InterruptedException {
        NavigableMap<SlackTs, JsonNode> replies = new TreeMap<>();
        String cursor = null;
        do {
            Map<String, String> params = new LinkedHashMap<>();
            params.put("channel", channel.id());
            params.put("ts", parent.toString());
            params.put("oldest", oldest.toString());
            params.put("limit", Integer.toString(settings.pageSize()));
            Page page;
            try {
                page = client.page("conversations.replies", params, "messages", cursor, channel.id());
            } catch (SlackApiException e) {
                if (THREAD_GONE.contains(e.error())) {
                    // The thread is gone with its parent: it has nothing more to read.
                    return;
                }
                throw e;
            }
            for (JsonNode reply : page.items()) {
                SlackTs ts = SlackTs.parse(reply.path("ts").asText());
                if (ts.isAfter(oldest) && !ts.equals(parent)) {
                    replies.put(ts, reply);
                }
            }
            cursor = page.nextCursor();
        } while (cursor != null);
        SlackTs recorded = state.lastReply(parent).orElse(parent);
        for (Map.Entry<SlackTs, JsonNode> e : replies.entrySet()) {
            SlackTs ts = e.getKey();
            if (ts.isAfter(recorded)) {
                planNewMessage(e.getValue(), ts, parent, SlackEventType.THREAD_REPLY_POSTED, planned);
            } else {
                Tracked tracked = state.tracked(ts).orElse(null);
                if (tracked != null) {
                    planChanges(e.getValue(), ts, tracked, planned);
                }
            }
        }
        for (Map.Entry<SlackTs, Tracked> e : state.trackedReplies(parent).tailMap(oldest, false).entrySet()) {
            Tracked tracked = e.getValue();
            if (!tracked.deleted() && !replies.containsKey(e.getKey())) {
                SlackTs ts = e.getKey();
                planned.add(new Pending(events.deleted(ts, null, noticedAt, parent),
                        s -> s.track(ts, tracked.asDeleted())));
            }
        }
    }

    /**
     * From where a thread is read: just after its last recorded reply, or from the start of the window when that
     * is older, so replies inside the window are seen again for their edits, deletions and reactions.
     */
    private SlackTs oldestFor(final SlackTs parent, final SlackTs recordedOrParent) {
        return windowStart != null && windowStart.compareTo(recordedOrParent) < 0 ? windowStart : recordedOrParent;
    }

    private void emit(final EventBatch batch, final Pending next) {
        next.apply().accept(state);
        long seq = state.nextSeq();
        EpisodicEvent event = next.event().sequence(seq).ingestedAt(batch.ingestedAt()).build();
        batch.add(partition, state.toCursor(), event);
    }

    // ---- counters for tests and the benchmark ----

    /** Rounds this channel completed since the task started. */
    long roundsDone() {
        return roundsDone;
    }

    /** Edits-window passes this channel completed since the task started. */
    long passesDone() {
        return passesDone;
    }

    /** Pass steps (history pages and thread reads) this channel completed since the task started. */
    long passSteps() {
        return passSteps;
    }

    private static SlackTs editTs(final JsonNode message) {
        String edited = message.path("edited").path("ts").asText("");
        return edited.isEmpty() ? null : SlackTs.parse(edited);
    }

    private static SlackTs max(final SlackTs a, final SlackTs b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    /** One unit of planning: queues its events into {@code planned} or throws leaving everything as it was. */
    @FunctionalInterface
    private interface Step {
        void plan(List<Pending> planned) throws InterruptedException;
    }

    /** An event waiting for its sequence, and the cursor change it makes. */
    private record Pending(EpisodicEvent.Builder event, Consumer<ChannelState> apply) {
    }
}
