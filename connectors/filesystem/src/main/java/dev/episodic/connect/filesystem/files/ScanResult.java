package dev.episodic.connect.filesystem.files;

import java.util.List;
import java.util.Map;

/**
 * The outcome of one scan of a root: the changes to report, in emission order (by shard, then path, so a batch
 * touches few shard offsets), and silent updates (a touched file whose content hash did not move, or files
 * recorded without events by a baseline scan).
 */
public record ScanResult(List<FileChange> changes, Map<String, FileState> silent, boolean rootMissing) {
    public ScanResult {
        changes = List.copyOf(changes);
        silent = Map.copyOf(silent);
    }
}
