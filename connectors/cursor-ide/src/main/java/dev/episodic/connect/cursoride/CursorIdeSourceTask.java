package dev.episodic.connect.cursoride;

import dev.episodic.connect.common.connector.Versions;
import dev.episodic.connect.common.cursor.StreamPartition;
import dev.episodic.connect.common.metrics.TaskMetrics;
import dev.episodic.connect.common.task.Backoff;
import dev.episodic.connect.common.task.EpisodicSourceTask;
import dev.episodic.connect.common.task.EventBatch;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads the Cursor streams this task owns. Workspaces are split across tasks by a stable hash of the stream
 * name, so a workspace that appears while running is picked up by exactly one task without a rebalance; the
 * global stream belongs to task 0.
 */
public final class CursorIdeSourceTask extends EpisodicSourceTask<CursorIdeConfig> implements StreamSync.Context {
    static final Duration DISCOVERY_INTERVAL = Duration.ofSeconds(10);

    private final Map<String, StreamSync> streams = new LinkedHashMap<>();
    private final Warnings warnings = new Warnings();
    private final ClaimIndex claims = new ClaimIndex();
    private WorkspaceDiscovery discovery;
    private DatabasePool pool;
    private EventFactory events;
    private List<CursorDatabase> allWorkspaces = List.of();
    private Optional<CursorDatabase> global = Optional.empty();
    private long lastDiscoveryMs = Long.MIN_VALUE;
    private int rotation;

    public CursorIdeSourceTask() {
        super();
    }

    /** For tests: a clock they can move (discovery and horizons follow it). */
    CursorIdeSourceTask(final Clock clock) {
        super(clock, new Backoff(Duration.ofMillis(100), Duration.ofSeconds(5)));
    }

    @Override
    public String version() {
        return Versions.projectVersion();
    }

    @Override
    protected CursorIdeConfig parseConfig(final Map<String, String> props) {
        return new CursorIdeConfig(props);
    }

    @Override
    protected void open(final CursorIdeConfig config) {
        discovery = new WorkspaceDiscovery(config.dataDir(), new Glob(config.workspaceGlobs()));
        pool = new DatabasePool(config.maxOpenDatabases(), config.queryTimeout());
        events = new EventFactory(config.sourceId(), config.includeText(), config.maxTextBytes(),
                config.includePayload());
        discover(clock().millis());
    }

    @Override
    protected void fill(final EventBatch batch) {
        long now = clock().millis();
        if (now - lastDiscoveryMs >= DISCOVERY_INTERVAL.toMillis()) {
            discover(now);
        }
        List<StreamSync> order = new ArrayList<>(streams.values());
        for (int i = 0; i < order.size() && !isStopping(); i++) {
            StreamSync stream = order.get((rotation + i) % order.size());
            if (stream.fill(batch, this, now)) {
                // Give the next stream the first turn next time, so one huge workspace does not starve the others.
                rotation = (rotation + i + 1) % order.size();
                batch.markMoreAvailable();
                return;
            }
        }
        pool.closeIdle(now);
    }

    private void discover(final long now) {
        lastDiscoveryMs = now;
        CursorIdeConfig config = config();
        allWorkspaces = discovery.allWorkspaces();
        global = discovery.global();
        List<CursorDatabase> mine = new ArrayList<>();
        global.filter(g -> config.taskIndex() == 0).ifPresent(mine::add);
        for (CursorDatabase ws : discovery.workspaces()) {
            if (Math.floorMod(ws.stream().hashCode(), config.taskCount()) == config.taskIndex()) {
                mine.add(ws);
            }
        }
        Map<String, StreamSync> next = new LinkedHashMap<>();
        for (CursorDatabase db : mine) {
            StreamSync existing = streams.get(db.stream());
            next.put(db.stream(), existing != null && existing.database().equals(db) ? existing : newStream(db, now));
        }
        streams.clear();
        streams.putAll(next);
    }

    private StreamSync newStream(final CursorDatabase db, final long now) {
        Map<String, Object> offset = context.offsetStorageReader().offset(StreamPartition.of(db.stream()));
        Duration window = config().syncWindow();
        long horizon = window.isZero() ? Long.MIN_VALUE : now - window.toMillis();
        WorkspaceCursor cursor = WorkspaceCursor.CODEC.read(db.stream(), offset).orElse(WorkspaceCursor.initial(horizon));
        return new StreamSync(db, cursor);
    }

    /** Whether every stream has read all it saw and none waits to retry a locked database (for tests). */
    boolean settled() {
        long now = clock().millis();
        return streams.values().stream().allMatch(s -> s.settled(now));
    }

    /** The streams this task reads now, by name (for tests and diagnostics). */
    Set<String> streamNames() {
        return streams.keySet();
    }

    @Override
    public DatabasePool pool() {
        return pool;
    }

    @Override
    public Optional<CursorDatabase> global() {
        return global;
    }

    @Override
    public Set<String> claimedComposers() throws DatabaseReadException {
        return claims.claimed(allWorkspaces, pool, warnings, clock().millis());
    }

    @Override
    public TaskMetrics taskMetrics() {
        return metrics();
    }

    @Override
    public Warnings warnings() {
        return warnings;
    }

    @Override
    public EventFactory events() {
        return events;
    }

    @Override
    public Duration activeWindow() {
        return config().activeWindow();
    }

    @Override
    protected void close() {
        streams.clear();
        if (pool != null) {
            pool.close();
        }
    }
}
