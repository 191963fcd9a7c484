package dev.episodic.connect.cursoride;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Composers of the global key-value table that no workspace lists: they make up the global stream. */
final class GlobalComposerSource {
    private final DiskKv kv;
    private final long changedMs;
    private final Warnings warnings;

    GlobalComposerSource(final DiskKv kv, final long changedMs, final Warnings warnings) {
        this.kv = kv;
        this.changedMs = changedMs;
        this.warnings = warnings;
    }

    List<SourceGroup> groups(final Set<String> claimed) throws SQLException {
        Map<String, DiskKv.ComposerRow> rows = kv.composers();
        Set<String> ids = new LinkedHashSet<>(rows.keySet());
        ids.addAll(kv.composersWithBubbles());
        List<SourceGroup> groups = new ArrayList<>();
        for (String id : ids) {
            if (claimed.contains(id)) {
                continue;
            }
            groups.add(new ComposerGroup(id, null, kv, rows.get(id), kv.bubbleRange(id), changedMs, warnings,
                    kv.database().path().toString()));
        }
        return groups;
    }
}
