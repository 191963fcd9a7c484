package dev.episodic.connect.cursoride;

import dev.episodic.connect.common.cursor.CursorCodec;
import dev.episodic.connect.common.cursor.OffsetFields;
import dev.episodic.connect.common.cursor.OffsetMap;
import dev.episodic.connect.common.cursor.StreamCursor;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Where one Cursor stream (a workspace, or the global database) stands, stored as its Connect offset.
 *
 * <p>Groups of items are read in ascending (time, key) order. Each group being followed has a {@link GroupMark};
 * at most {@link #MAX_MARKS} are kept. When one more is needed, the oldest complete group is dropped and the
 * horizon moves up to it: a group at or below the horizon that has no mark is done, and in a group above it
 * that has no mark, items whose own time is at or below the horizon are done. So the offset stays bounded
 * however long the history, and an incremental poll only opens groups whose time or fingerprint moved.
 *
 * <p>On a first sync the horizon starts at "now minus {@code cursor.sync.window.hours}" (or the beginning of
 * time for 0), which is exactly the first-sync window.
 *
 * <p>Item times are not ordered like group times (an old composer's creation can sit in a recently updated
 * group), so items are filtered by {@code settled}, not by the moving horizon: the horizon as it stood when the
 * stream last finished a whole pass over its groups. Every group that existed then was read, so a group without
 * a mark that shows up later and holds items at or below it was read before and dropped.
 *
 * @param seq          the stream's last sequence
 * @param horizonTime  epoch ms of the horizon
 * @param horizonKey   group key at the horizon (ties at the same time are ordered by key)
 * @param settled      epoch ms: items of unmarked groups at or below it are done
 * @param marks        group key to mark
 */
record WorkspaceCursor(long seq, long horizonTime, String horizonKey, long settled, Map<String, GroupMark> marks)
        implements StreamCursor {
    static final int VERSION = 1;
    static final int MAX_MARKS = 128;
    static final String HORIZON = "horizon";
    static final String SETTLED = "settled";
    static final String MARK_PREFIX = "g:";

    static final CursorCodec<WorkspaceCursor> CODEC = new CursorCodec<>("WorkspaceCursor", VERSION) {
        @Override
        protected WorkspaceCursor decodeCurrent(final OffsetFields fields) {
            String horizon = fields.requiredString(HORIZON);
            int bar = horizon.indexOf('|');
            if (bar < 0) {
                throw fields.invalid(HORIZON, "must be '<epoch ms>|<group key>' but is '" + horizon + "'");
            }
            long time;
            try {
                time = Long.parseLong(horizon.substring(0, bar));
            } catch (NumberFormatException e) {
                throw fields.invalid(HORIZON, "must start with epoch milliseconds but is '" + horizon + "'");
            }
            Map<String, GroupMark> marks = new TreeMap<>();
            for (Map.Entry<String, ?> entry : fields.raw().entrySet()) {
                if (!entry.getKey().startsWith(MARK_PREFIX)) {
                    continue;
                }
                String text = fields.requiredString(entry.getKey());
                try {
                    marks.put(entry.getKey().substring(MARK_PREFIX.length()), GroupMark.decode(text));
                } catch (IllegalArgumentException e) {
                    throw fields.invalid(entry.getKey(), "is not a group mark: " + e.getMessage());
                }
            }
            if (marks.size() > MAX_MARKS) {
                throw fields.invalid(MARK_PREFIX + "*", "holds " + marks.size() + " group marks, more than "
                        + MAX_MARKS);
            }
            long settled = fields.requiredLong(SETTLED);
            if (settled > time) {
                throw fields.invalid(SETTLED, "must not lie above the horizon (" + time + ") but is " + settled);
            }
            return new WorkspaceCursor(fields.seq(), time, horizon.substring(bar + 1), settled, marks);
        }
    };

    WorkspaceCursor {
        marks = Collections.unmodifiableMap(new TreeMap<>(marks));
    }

    static WorkspaceCursor initial(final long horizonTime) {
        return new WorkspaceCursor(0, horizonTime, "", horizonTime, Map.of());
    }

    Optional<GroupMark> mark(final String groupKey) {
        return Optional.ofNullable(marks.get(groupKey));
    }

    /** Whether a group without a mark at (time, key) lies at or below the horizon, i.e. is done. */
    boolean belowHorizon(final long time, final String key) {
        return time < horizonTime || (time == horizonTime && key.compareTo(horizonKey) <= 0);
    }

    WorkspaceCursor withMark(final String groupKey, final GroupMark mark) {
        Map<String, GroupMark> next = new TreeMap<>(marks);
        next.put(groupKey, mark);
        long time = horizonTime;
        String key = horizonKey;
        while (next.size() > MAX_MARKS) {
            Optional<Map.Entry<String, GroupMark>> oldest = next.entrySet().stream()
                    .filter(e -> e.getValue().complete() && !e.getKey().equals(groupKey))
                    .min(Comparator.<Map.Entry<String, GroupMark>>comparingLong(e -> e.getValue().time())
                            .thenComparing(Map.Entry::getKey));
            if (oldest.isEmpty()) {
                break;
            }
            next.remove(oldest.get().getKey());
            long t = oldest.get().getValue().time();
            if (t > time || (t == time && oldest.get().getKey().compareTo(key) > 0)) {
                time = t;
                key = oldest.get().getKey();
            }
        }
        return new WorkspaceCursor(seq, time, key, settled, next);
    }

    WorkspaceCursor withSeq(final long newSeq) {
        return new WorkspaceCursor(newSeq, horizonTime, horizonKey, settled, marks);
    }

    /** The stream finished a whole pass: everything up to the horizon has been read. */
    WorkspaceCursor passCompleted() {
        return new WorkspaceCursor(seq, horizonTime, horizonKey, horizonTime, marks);
    }

    @Override
    public Map<String, Object> toOffset() {
        OffsetMap offset = OffsetMap.of(VERSION, seq).put(HORIZON, horizonTime + "|" + horizonKey)
                .put(SETTLED, settled);
        Map<String, Object> built = new LinkedHashMap<>(offset.build());
        marks.forEach((key, mark) -> built.put(MARK_PREFIX + key, mark.encode()));
        return built;
    }
}
