package dev.episodic.connect.filesystem.git;

import java.time.Instant;
import java.util.Objects;

/**
 * How a walk extracts commits. Immutable; start from {@link #defaults()} and use the withers.
 *
 * @param since           commits with an older committer time are walked through but not emitted; null = all
 * @param detectRenames   git's {@code -M}: pair deletes and adds into renames (old path filled)
 * @param paths           which changed paths count; commits without a passing path are skipped
 * @param patchLimitBytes 0 = no patch text, otherwise the UTF-8 byte limit of each commit's patch
 * @param threads         extraction threads working ahead of the consumer (1 = in the caller's thread)
 */
public record WalkOptions(Instant since, boolean detectRenames, PathFilter paths, int patchLimitBytes, int threads) {

    public WalkOptions {
        Objects.requireNonNull(paths, "paths");
        if (patchLimitBytes < 0) {
            throw new IllegalArgumentException("patchLimitBytes must be >= 0: " + patchLimitBytes);
        }
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1: " + threads);
        }
    }

    /** No since, no renames, all paths, no patch, up to two threads (the target machines have few cores). */
    public static WalkOptions defaults() {
        return new WalkOptions(null, false, PathFilter.ALL, 0,
                Math.max(1, Math.min(2, Runtime.getRuntime().availableProcessors())));
    }

    public WalkOptions withSince(Instant value) {
        return new WalkOptions(value, detectRenames, paths, patchLimitBytes, threads);
    }

    public WalkOptions withRenames(boolean value) {
        return new WalkOptions(since, value, paths, patchLimitBytes, threads);
    }

    public WalkOptions withPaths(PathFilter value) {
        return new WalkOptions(since, detectRenames, value, patchLimitBytes, threads);
    }

    public WalkOptions withPatchLimitBytes(int value) {
        return new WalkOptions(since, detectRenames, paths, value, threads);
    }

    public WalkOptions withThreads(int value) {
        return new WalkOptions(since, detectRenames, paths, patchLimitBytes, value);
    }
}
