package dev.episodic.connect.filesystem;

import dev.episodic.connect.common.cursor.CursorCodec;
import dev.episodic.connect.common.cursor.OffsetFields;
import dev.episodic.connect.common.cursor.OffsetMap;
import dev.episodic.connect.common.cursor.StreamCursor;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Where one repository's stream stands: the branch tips whose history is fully published, and, while a sync is
 * under way, that sync's target tips and how far into it the stream got. No timestamps: new commits are those
 * reachable from the targets and not from the recorded tips, so late or out-of-order commit dates lose nothing.
 *
 * <p>Offset format (version 1), flat as Connect offsets require:
 * <pre>
 * v=1, seq=&lt;last sequence&gt;,
 * tip.&lt;branch&gt;=&lt;sha&gt;            (one per recorded branch)
 * pending=true|false,
 * target.&lt;branch&gt;=&lt;sha&gt;         (pending only: the tips this sync publishes)
 * pending.branch_events=&lt;n&gt;        (pending only: branch events of this sync already emitted)
 * pending.skip=&lt;n&gt;                 (pending only: position in this sync's commit order)
 * </pre>
 */
public record GitRepositoryCursor(long seq, SortedMap<String, String> tips, Optional<PendingSync> pending)
        implements StreamCursor {
    static final int VERSION = 1;
    static final String TIP_PREFIX = "tip.";
    static final String TARGET_PREFIX = "target.";
    static final String PENDING = "pending";
    static final String PENDING_BRANCH_EVENTS = "pending.branch_events";
    static final String PENDING_SKIP = "pending.skip";

    public static final CursorCodec<GitRepositoryCursor> CODEC = new CursorCodec<>("GitRepositoryCursor", VERSION) {
        @Override
        protected GitRepositoryCursor decodeCurrent(final OffsetFields fields) {
            SortedMap<String, String> tips = prefixed(fields, TIP_PREFIX);
            Optional<PendingSync> pending = Optional.empty();
            if (fields.has(PENDING) && fields.requiredBoolean(PENDING)) {
                long branchEvents = fields.requiredLong(PENDING_BRANCH_EVENTS);
                long skip = fields.requiredLong(PENDING_SKIP);
                if (branchEvents < 0 || skip < 0) {
                    throw fields.invalid(PENDING_SKIP, "and " + PENDING_BRANCH_EVENTS + " must be >= 0");
                }
                pending = Optional.of(new PendingSync(prefixed(fields, TARGET_PREFIX), branchEvents, skip));
            }
            return new GitRepositoryCursor(fields.seq(), tips, pending);
        }
    };

    public GitRepositoryCursor {
        tips = Collections.unmodifiableSortedMap(new TreeMap<>(tips));
    }

    /** A stream never synced. */
    public static GitRepositoryCursor initial() {
        return new GitRepositoryCursor(0, new TreeMap<>(), Optional.empty());
    }

    @Override
    public Map<String, Object> toOffset() {
        OffsetMap offset = OffsetMap.of(VERSION, seq);
        tips.forEach((branch, sha) -> offset.put(TIP_PREFIX + branch, sha));
        offset.put(PENDING, pending.isPresent());
        pending.ifPresent(p -> {
            p.targets().forEach((branch, sha) -> offset.put(TARGET_PREFIX + branch, sha));
            offset.put(PENDING_BRANCH_EVENTS, p.branchEventsDone());
            offset.put(PENDING_SKIP, p.commitSkip());
        });
        return offset.build();
    }

    private static SortedMap<String, String> prefixed(final OffsetFields fields, final String prefix) {
        SortedMap<String, String> values = new TreeMap<>();
        for (String key : fields.raw().keySet()) {
            if (key.startsWith(prefix) && key.length() > prefix.length()) {
                String sha = fields.requiredString(key);
                if (!sha.matches("[0-9a-f]{40}")) {
                    throw fields.invalid(key, "must be a 40-character lower-case commit id");
                }
                values.put(key.substring(prefix.length()), sha);
            }
        }
        return values;
    }

    /** A sync under way: it publishes {@code targets}; the stream got this far into it. */
    public record PendingSync(SortedMap<String, String> targets, long branchEventsDone, long commitSkip) {
        public PendingSync {
            targets = Collections.unmodifiableSortedMap(new TreeMap<>(targets));
        }
    }
}
