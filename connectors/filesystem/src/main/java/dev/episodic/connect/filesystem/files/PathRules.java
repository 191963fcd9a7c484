package dev.episodic.connect.filesystem.files;

import java.util.List;

/**
 * {@code fs.include} and {@code fs.exclude} together: a file counts when it matches an include and no exclude
 * (exclude wins). Folders an exclude covers entirely are not walked, which keeps {@code node_modules} and
 * {@code target} out of the scan's cost, not just out of its result.
 */
public final class PathRules {
    private final List<FileGlob> include;
    private final List<FileGlob> exclude;
    /** Excludes that can match a file the walk reached: a glob ending in {@code /**} only matches below a folder it prunes. */
    private final List<FileGlob> fileExclude;
    private final boolean includeAll;

    public PathRules(final List<FileGlob> include, final List<FileGlob> exclude) {
        this.include = List.copyOf(include);
        this.exclude = List.copyOf(exclude);
        this.fileExclude = exclude.stream().filter(g -> !g.toString().endsWith("/**")).toList();
        this.includeAll = include.stream().anyMatch(g -> g.toString().equals("**"));
    }

    public static PathRules of(final List<String> include, final List<String> exclude) {
        return new PathRules(include.stream().map(FileGlob::of).toList(), exclude.stream().map(FileGlob::of).toList());
    }

    public static PathRules everything() {
        return of(List.of("**"), List.of());
    }

    public boolean includesFile(final String relativePath) {
        return !anyMatch(exclude, relativePath) && included(relativePath);
    }

    /**
     * {@link #includesFile} for a file the walk reached, i.e. whose every folder passed {@link #walksFolder}: the
     * excludes ending in {@code /**} cannot match it, so they are not tried again (the default excludes all are).
     */
    public boolean includesWalkedFile(final String relativePath) {
        return !anyMatch(fileExclude, relativePath) && included(relativePath);
    }

    private static boolean anyMatch(final List<FileGlob> globs, final String relativePath) {
        for (FileGlob glob : globs) {
            if (glob.matches(relativePath)) {
                return true;
            }
        }
        return false;
    }

    private boolean included(final String relativePath) {
        if (includeAll) {
            return true;
        }
        for (FileGlob glob : include) {
            if (glob.matches(relativePath)) {
                return true;
            }
        }
        return false;
    }

    /** False when an exclude covers everything below {@code folder}. */
    public boolean walksFolder(final String folder) {
        for (FileGlob glob : exclude) {
            if (glob.coversFolder(folder)) {
                return false;
            }
        }
        return true;
    }

    @Override
    public String toString() {
        return "include=" + include + " exclude=" + exclude;
    }
}
