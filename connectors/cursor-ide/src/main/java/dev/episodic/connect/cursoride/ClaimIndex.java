package dev.episodic.connect.cursoride;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which composers belong to a workspace: the ids every workspace database lists in {@code composer.composerData},
 * re-read only when that database changes. The global stream takes the composers no workspace claims.
 */
final class ClaimIndex {
    private record Entry(FileStamp stamp, Set<String> ids) {
    }

    private final Map<Path, Entry> byDatabase = new HashMap<>();

    Set<String> claimed(final List<CursorDatabase> workspaces, final DatabasePool pool, final Warnings warnings,
                        final long nowMs) throws DatabaseBusyException {
        Set<String> all = new HashSet<>();
        Set<Path> present = new HashSet<>();
        for (CursorDatabase ws : workspaces) {
            present.add(ws.database());
            FileStamp stamp = FileStamp.of(ws.database());
            Entry entry = byDatabase.get(ws.database());
            if (entry == null || !entry.stamp().equals(stamp)) {
                try {
                    ReadOnlyDatabase db = pool.get(ws.database(), stamp);
                    entry = new Entry(stamp, db.read(d -> ItemTableSource.composerIds(d, warnings), nowMs));
                } catch (DatabaseBusyException e) {
                    throw e;
                } catch (DatabaseReadException e) {
                    // An unreadable workspace claims nothing; its stream reports the problem.
                    entry = new Entry(stamp, Set.of());
                }
                byDatabase.put(ws.database(), entry);
            }
            all.addAll(entry.ids());
        }
        byDatabase.keySet().retainAll(present);
        return all;
    }
}
