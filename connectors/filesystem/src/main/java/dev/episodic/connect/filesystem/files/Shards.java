package dev.episodic.connect.filesystem.files;

/**
 * Which shard of its root a path's state lives in. The function is fixed forever for a format version: it is
 * {@code String.hashCode()} (specified by the Java language) through the MurmurHash3 finaliser, modulo the
 * shard count, so the same path lands in the same shard on every worker and every JVM.
 */
public final class Shards {
    /** Shards per root: 100,000 files of 60-byte entries make about 23 KiB per shard offset. */
    public static final int COUNT = 256;

    private Shards() {
    }

    public static int of(final String path) {
        int h = path.hashCode();
        h ^= h >>> 16;
        h *= 0x85ebca6b;
        h ^= h >>> 13;
        h *= 0xc2b2ae35;
        h ^= h >>> 16;
        return Math.floorMod(h, COUNT);
    }
}
