package dev.episodic.connect.filesystem.files;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * What one walk of a root saw: every included regular file with its mtime and size, and the places it could not
 * look into (an unreadable folder, a file whose attributes failed, the whole root when it is gone). Paths under an
 * unknown place keep their last known state: a folder that cannot be read is not a folder whose files were deleted.
 */
public final class Listing {
    /** mtime (ns) and size of one file. */
    public record Stat(long mtimeNanos, long size) {
    }

    private final Map<String, Stat> files = new HashMap<>(1 << 12);
    private final Set<String> unknown = new HashSet<>();
    private boolean rootMissing;

    void add(final String path, final long mtimeNanos, final long size) {
        files.put(path, new Stat(mtimeNanos, size));
    }

    void unknown(final String path) {
        unknown.add(path);
    }

    void rootMissing() {
        rootMissing = true;
        unknown.add("");
    }

    public Map<String, Stat> files() {
        return files;
    }

    public boolean rootIsMissing() {
        return rootMissing;
    }

    /** True when the walk could not see {@code path}: it lies in or is an unknown place. */
    public boolean isUnknown(final String path) {
        if (unknown.isEmpty()) {
            return false;
        }
        for (String place : unknown) {
            if (place.isEmpty() || path.equals(place)
                    || (path.length() > place.length() && path.startsWith(place) && path.charAt(place.length()) == '/')) {
                return true;
            }
        }
        return false;
    }
}
