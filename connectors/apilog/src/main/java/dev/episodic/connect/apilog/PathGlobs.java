package dev.episodic.connect.apilog;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * The configured paths and globs. Each has a base folder (its longest leading part without glob characters) that
 * is listed to find matches; a plain path needs no listing and names its stream even before the file exists.
 */
final class PathGlobs {
    /** One configured entry. */
    record Entry(String pattern, Path base, PathMatcher matcher, int depth) {
        boolean isPlain() {
            return matcher == null;
        }
    }

    private final List<Entry> entries;

    private PathGlobs(final List<Entry> entries) {
        this.entries = entries;
    }

    static PathGlobs of(final List<String> patterns) {
        List<Entry> entries = new ArrayList<>();
        for (String pattern : patterns) {
            entries.add(entry(pattern));
        }
        return new PathGlobs(entries);
    }

    List<Entry> entries() {
        return entries;
    }

    /** Parses one entry; throws IllegalArgumentException with the fix when it is not an absolute path or glob. */
    static Entry entry(final String pattern) {
        String p = pattern.trim();
        if (!p.startsWith("/") && !(p.length() > 2 && p.charAt(1) == ':')) {
            throw new IllegalArgumentException("'" + p + "' is not an absolute path; write the full path, "
                    + "e.g. /var/log/nginx/access.log or /var/log/app/*.log");
        }
        Path path = Path.of(p).normalize();
        int firstGlob = -1;
        for (int i = 0; i < path.getNameCount(); i++) {
            if (hasGlob(path.getName(i).toString())) {
                firstGlob = i;
                break;
            }
        }
        if (firstGlob < 0) {
            return new Entry(p, path, null, 0);
        }
        Path base = firstGlob == 0 ? path.getRoot() : path.getRoot().resolve(path.subpath(0, firstGlob));
        int depth = p.contains("**") ? Integer.MAX_VALUE : path.getNameCount() - firstGlob;
        PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + path);
        return new Entry(p, base, matcher, depth);
    }

    private static boolean hasGlob(final String part) {
        for (int i = 0; i < part.length(); i++) {
            char c = part.charAt(i);
            if (c == '*' || c == '?' || c == '[' || c == '{') {
                return true;
            }
        }
        return false;
    }

    /** Every file matching now (and every plain path, existing or not), sorted, without duplicates. */
    List<Path> resolve() {
        TreeSet<Path> found = new TreeSet<>();
        for (Entry entry : entries) {
            found.addAll(matches(entry));
        }
        return List.copyOf(found);
    }

    static List<Path> matches(final Entry entry) {
        if (entry.isPlain()) {
            return List.of(entry.base());
        }
        if (!Files.isDirectory(entry.base())) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(entry.base(), entry.depth())) {
            return files.filter(f -> entry.matcher().matches(f) && Files.isRegularFile(f)).sorted().toList();
        } catch (IOException | UncheckedIOException e) {
            return List.of();
        }
    }

    /** Why the folder of an entry cannot be read, if it cannot: the folder it would list or the file's folder. */
    static Optional<String> unreadableFolder(final Entry entry) {
        Path folder = entry.isPlain() ? entry.base().getParent() : entry.base();
        if (folder == null) {
            return Optional.empty();
        }
        if (!Files.isDirectory(folder)) {
            return Optional.of("folder " + folder + " of '" + entry.pattern() + "' does not exist or cannot be "
                    + "read; create it, let the worker's user read it, or fix " + ApiLogConfig.PATHS);
        }
        if (!Files.isReadable(folder) || !Files.isExecutable(folder)) {
            return Optional.of("folder " + folder + " of '" + entry.pattern() + "' cannot be read by the worker's "
                    + "user; grant it read and execute permission, or fix " + ApiLogConfig.PATHS);
        }
        return Optional.empty();
    }
}
