package dev.episodic.connect.cursoride;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The task's open databases, at most {@code cursor.max.open.databases}: the least recently used one is closed
 * when another must open, ones idle for long are closed, and a file replaced under us (new identity) is
 * reopened rather than read through a stale handle.
 */
final class DatabasePool implements AutoCloseable {
    static final Duration IDLE_CLOSE = Duration.ofMinutes(5);

    private final int maxOpen;
    private final Duration queryTimeout;
    private final LinkedHashMap<Path, ReadOnlyDatabase> open = new LinkedHashMap<>(16, 0.75f, true);

    DatabasePool(final int maxOpen, final Duration queryTimeout) {
        this.maxOpen = maxOpen;
        this.queryTimeout = queryTimeout;
    }

    /** An open database for {@code path}, reopening it when the file on disk is no longer the one we opened. */
    ReadOnlyDatabase get(final Path path, final FileStamp current) throws DatabaseReadException {
        ReadOnlyDatabase db = open.get(path);
        if (db != null && !db.openedStamp().sameFile(current)) {
            open.remove(path);
            db.close();
            db = null;
        }
        if (db == null) {
            while (open.size() >= maxOpen) {
                Iterator<Map.Entry<Path, ReadOnlyDatabase>> eldest = open.entrySet().iterator();
                eldest.next().getValue().close();
                eldest.remove();
            }
            db = ReadOnlyDatabase.open(path, queryTimeout);
            open.put(path, db);
        }
        return db;
    }

    /** Closes one database, e.g. after it could not be read, so the next attempt starts from a fresh handle. */
    void evict(final Path path) {
        ReadOnlyDatabase db = open.remove(path);
        if (db != null) {
            db.close();
        }
    }

    void closeIdle(final long nowMs) {
        Iterator<Map.Entry<Path, ReadOnlyDatabase>> it = open.entrySet().iterator();
        while (it.hasNext()) {
            ReadOnlyDatabase db = it.next().getValue();
            if (nowMs - db.lastUsedMs() > IDLE_CLOSE.toMillis()) {
                db.close();
                it.remove();
            }
        }
    }

    int openCount() {
        return open.size();
    }

    @Override
    public void close() {
        open.values().forEach(ReadOnlyDatabase::close);
        open.clear();
    }
}
