package dev.episodic.connect.filesystem.files;

import java.time.Instant;

/**
 * What one file looked like at the last scan. {@code hash} is the first 64 bits of the content's SHA-256 as
 * 11 base64url characters, or empty when the content was not hashed ({@code fs.hash=false}, or unreadable):
 * enough to tell whether a touched file really changed and to pair renames, at a fifth of a full hash's size.
 */
public record FileState(long mtimeNanos, long size, String hash) {
    public FileState {
        if (size < 0) {
            throw new IllegalArgumentException("size must be >= 0 but is " + size);
        }
        if (hash == null) {
            throw new IllegalArgumentException("hash must not be null (empty = not hashed)");
        }
    }

    public boolean hashed() {
        return !hash.isEmpty();
    }

    /** Same mtime and size: the scan does not look further. */
    public boolean sameStat(final long otherMtimeNanos, final long otherSize) {
        return mtimeNanos == otherMtimeNanos && size == otherSize;
    }

    public Instant mtime() {
        return Instant.ofEpochSecond(Math.floorDiv(mtimeNanos, 1_000_000_000L), Math.floorMod(mtimeNanos, 1_000_000_000L));
    }
}
