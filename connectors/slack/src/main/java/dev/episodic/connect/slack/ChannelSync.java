package dev.episodic.connect.slack;

import com.fasterxml.jackson.databind.JsonNode;
import dev.episodic.connect.common.cursor.StreamPartition;
import dev.episodic.connect.common.event.EpisodicEvent;
import dev.episodic.connect.common.task.EventBatch;
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
 * Reads one channel in rounds. A round is one {@code conversations.history} scan (all pages) from the older of
 * the watermark and the start of the edits window, then, in ascending {@code ts} order: new messages (with the
 * reactions they already carry), edits, reaction changes and deletions of messages inside the window, and the new
 * replies of threads whose {@code latest_reply} moved past what the cursor recorded. Every event travels with the
 * cursor as it stands after it; a round interrupted anywhere (restart, full batch, rate limit) is resumed from
 * state that lives only in memory and is rebuilt from the cursor, so nothing is repeated or skipped.
 */
final class ChannelSync {
    private enum Phase { IDLE, SCANNING, EMITTING }

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

    private Phase phase = Phase.IDLE;
    private long roundsDone;
    private SlackTs scanStart;
    private SlackTs windowStart;
    private String pageCursor;
    private NavigableMap<SlackTs, JsonNode> scanned;
    private List<JsonNode> toVisit;
    private int visitIndex;
    private Deque<SlackTs> oldThreadsToCheck;
    private boolean deletesDone;
    private final Deque<Pending> pending = new ArrayDeque<>();
    private Instant noticedAt;

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
            scanPage();
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

    private void startRound() {
        Instant now = clock.instant();
        noticedAt = now;
        SlackTs floor = SlackTs.of(settings.oldest());
        windowStart = settings.editsWindow().isZero() ? null : SlackTs.of(now.minus(settings.editsWindow()));
        state.prune(windowStart == null ? SlackTs.of(now) : windowStart, SlackTs.of(now.minus(settings.threadWatch())));
        SlackTs start = state.watermark().orElse(floor);
        if (windowStart != null && windowStart.compareTo(start) < 0) {
            start = windowStart;
        }
        scanStart = start.compareTo(floor) < 0 ? floor : start;
        pageCursor = null;
        scanned = new TreeMap<>();
        phase = Phase.SCANNING;
    }

    private void scanPage() throws InterruptedException {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("channel", channel.id());
        params.put("oldest", scanStart.toString());
        params.put("inclusive", "true");
        params.put("limit", Integer.toString(settings.pageSize()));
        Page page = client.page("conversations.history", params, "messages", pageCursor, channel.id());
        for (JsonNode message : page.items()) {
            String ts = message.path("ts").asText("");
            if (!ts.isEmpty()) {
                scanned.put(SlackTs.parse(ts), message);
            }
        }
        pageCursor = page.nextCursor();
        if (page.isLast()) {
            toVisit = new ArrayList<>(scanned.values());
            visitIndex = 0;
            oldThreadsToCheck = new ArrayDeque<>(dueOldThreads());
            deletesDone = false;
            phase = Phase.EMITTING;
        }
    }

    /**
     * Plans the events of the next message (or deletions, or an old thread); false when the round has nothing
     * left. A step either completes (its events queued, the position moved) or throws leaving both untouched, so
     * a fault in the middle (rate limit, 5xx) retries the same step and never skips one.
     */
    private boolean planNext() throws InterruptedException {
        if (visitIndex < toVisit.size()) {
            List<Pending> planned = new ArrayList<>();
            planMessage(toVisit.get(visitIndex), planned);
            pending.addAll(planned);
            visitIndex++;
            return true;
        }
        if (!deletesDone) {
            planDeletions();
            deletesDone = true;
            return true;
        }
        if (!oldThreadsToCheck.isEmpty()) {
            SlackTs parent = oldThreadsToCheck.peekFirst();
            List<Pending> planned = new ArrayList<>();
            planReplies(parent, state.lastReply(parent).orElse(parent), planned);
            pending.addAll(planned);
            oldThreadChecks.put(parent, clock.instant());
            oldThreadsToCheck.pollFirst();
            return true;
        }
        return false;
    }

    private void planMessage(final JsonNode message, final List<Pending> planned) throws InterruptedException {
        SlackTs ts = SlackTs.parse(message.path("ts").asText());
        String threadTs = message.path("thread_ts").asText("");
        boolean isReply = !threadTs.isEmpty() && !SlackTs.parse(threadTs).equals(ts);
        if (isReply && settings.threads()) {
            // A reply broadcast to the channel: it comes (once) through its thread instead.
            return;
        }
        boolean isNew = state.watermark().map(ts::isAfter).orElse(true);
        boolean inWindow = windowStart != null && ts.compareTo(windowStart) >= 0;
        if (isNew) {
            planNewMessage(message, ts, inWindow, planned);
        } else {
            Tracked tracked = state.tracked(ts).orElse(null);
            if (tracked != null) {
                planChanges(message, ts, tracked, planned);
            }
        }
        if (settings.threads() && message.path("reply_count").asInt(0) > 0 && !isReply) {
            String latest = message.path("latest_reply").asText("");
            SlackTs recorded = state.lastReply(ts).orElse(null);
            if (!latest.isEmpty() && (recorded == null || SlackTs.parse(latest).isAfter(recorded))) {
                planReplies(ts, recorded == null ? ts : recorded, planned);
            }
        }
    }

    private void planNewMessage(final JsonNode message, final SlackTs ts, final boolean inWindow,
                                final List<Pending> planned) throws InterruptedException {
        String user = message.path("user").asText(null);
        String userName = users.displayName(user);
        SlackTs editTs = editTs(message);
        planned.add(new Pending(events.posted(message, SlackEventType.MESSAGE_POSTED, userName), s -> {
            s.watermark(ts);
            if (inWindow) {
                s.track(ts, Tracked.of(editTs));
            }
        }));
        if (inWindow) {
            for (String pair : MessageEvents.reactionPairs(message)) {
                planned.add(reactionEvent(message, ts, pair, true));
            }
        }
    }

    private void planChanges(final JsonNode message, final SlackTs ts, final Tracked tracked,
                             final List<Pending> planned) throws InterruptedException {
        if (tracked.deleted()) {
            return;
        }
        if ("tombstone".equals(message.path("subtype").asText(""))) {
            planned.add(new Pending(events.deleted(ts, message, noticedAt), s -> s.track(ts, tracked.asDeleted())));
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
                planned.add(reactionEvent(message, ts, pair, false));
            }
        }
        for (String pair : now) {
            if (!tracked.reactions().contains(pair)) {
                planned.add(reactionEvent(message, ts, pair, true));
            }
        }
    }

    private Pending reactionEvent(final JsonNode message, final SlackTs ts, final String pair, final boolean added)
            throws InterruptedException {
        int slash = pair.lastIndexOf('/');
        String name = pair.substring(0, slash);
        String user = pair.substring(slash + 1);
        EpisodicEvent.Builder event = events.reaction(message,
                added ? SlackEventType.REACTION_ADDED : SlackEventType.REACTION_REMOVED, name, user,
                users.displayName(user), noticedAt);
        return new Pending(event, s -> s.track(ts, s.tracked(ts).orElse(Tracked.of(null)).withReaction(pair, added)));
    }

    /** A tracked message the complete scan of [scanStart, now] no longer returns was deleted. */
    private void planDeletions() {
        for (Map.Entry<SlackTs, Tracked> entry : state.window().tailMap(scanStart, true).entrySet()) {
            SlackTs ts = entry.getKey();
            if (!entry.getValue().deleted() && !scanned.containsKey(ts)) {
                Tracked tracked = entry.getValue();
                pending.add(new Pending(events.deleted(ts, null, noticedAt), s -> s.track(ts, tracked.asDeleted())));
            }
        }
    }

    private void planReplies(final SlackTs parent, final SlackTs after, final List<Pending> planned)
            throws InterruptedException {
        List<JsonNode> replies = new ArrayList<>();
        String cursor = null;
        do {
            Map<String, String> params = new LinkedHashMap<>();
            params.put("channel", channel.id());
            params.put("ts", parent.toString());
            params.put("oldest", after.toString());
            params.put("limit", Integer.toString(settings.pageSize()));
            Page page;
            try {
                page = client.page("conversations.replies", params, "messages", cursor, channel.id());
            } catch (SlackApiException e) {
                if (THREAD_GONE.contains(e.error())) {
                    // The parent was deleted since: its thread has nothing more to read.
                    return;
                }
                throw e;
            }
            replies.addAll(page.items());
            cursor = page.nextCursor();
        } while (cursor != null);
        TreeMap<SlackTs, JsonNode> fresh = new TreeMap<>();
        for (JsonNode reply : replies) {
            SlackTs ts = SlackTs.parse(reply.path("ts").asText());
            if (ts.isAfter(after) && !ts.equals(parent)) {
                fresh.put(ts, reply);
            }
        }
        for (Map.Entry<SlackTs, JsonNode> e : fresh.entrySet()) {
            String userName = users.displayName(e.getValue().path("user").asText(null));
            SlackTs ts = e.getKey();
            planned.add(new Pending(events.posted(e.getValue(), SlackEventType.THREAD_REPLY_POSTED, userName),
                    s -> s.recordReply(parent, ts)));
        }
    }

    private List<SlackTs> dueOldThreads() {
        List<SlackTs> due = new ArrayList<>();
        if (!settings.threads()) {
            return due;
        }
        Instant now = clock.instant();
        oldThreadChecks.keySet().retainAll(state.threads().keySet());
        for (SlackTs parent : state.threads().keySet()) {
            if (parent.compareTo(scanStart) >= 0) {
                break;
            }
            Instant last = oldThreadChecks.get(parent);
            if (last == null) {
                // First sight in this task: check after one interval, not at once, so a restart does not burst.
                oldThreadChecks.put(parent, now);
            } else if (!last.plus(settings.oldThreadCheckEvery()).isAfter(now)) {
                due.add(parent);
            }
        }
        return due;
    }

    private void emit(final EventBatch batch, final Pending next) {
        next.apply().accept(state);
        long seq = state.nextSeq();
        EpisodicEvent event = next.event().sequence(seq).ingestedAt(batch.ingestedAt()).build();
        batch.add(partition, state.toCursor(), event);
    }

    /** Rounds this channel completed since the task started; for metrics and benchmarks. */
    long roundsDone() {
        return roundsDone;
    }

    private void endRound() {
        roundsDone++;
        phase = Phase.IDLE;
        scanned = null;
        toVisit = null;
        oldThreadsToCheck = null;
    }

    private static SlackTs editTs(final JsonNode message) {
        String edited = message.path("edited").path("ts").asText("");
        return edited.isEmpty() ? null : SlackTs.parse(edited);
    }

    /** An event waiting for its sequence, and the cursor change it makes. */
    private record Pending(EpisodicEvent.Builder event, Consumer<ChannelState> apply) {
    }
}
