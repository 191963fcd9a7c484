package dev.episodic.connect.filesystem.files;

/** How a root is scanned and reported; one value per task, shared by its roots. */
public record ScanOptions(PathRules rules, boolean followSymlinks, boolean hash, int contentMaxBytes,
                          boolean initialScan, long scanIntervalMs, FileAccess access) {
}
