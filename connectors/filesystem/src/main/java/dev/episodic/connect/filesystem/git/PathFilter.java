package dev.episodic.connect.filesystem.git;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Include/exclude path globs (syntax: {@link Glob#path}). A path passes when it matches an include
 * (or no includes are set) and matches no exclude: exclude wins. A glob also matches every path
 * below a directory it matches, so {@code docs} covers {@code docs/a/b.md}.
 */
public final class PathFilter {

    /** Lets every path through. */
    public static final PathFilter ALL = new PathFilter(List.of(), List.of());

    private final List<String> includeGlobs;
    private final List<String> excludeGlobs;
    private final List<Pattern> include;
    private final List<Pattern> exclude;

    private PathFilter(List<String> includeGlobs, List<String> excludeGlobs) {
        this.includeGlobs = List.copyOf(includeGlobs);
        this.excludeGlobs = List.copyOf(excludeGlobs);
        this.include = this.includeGlobs.stream().map(Glob::path).toList();
        this.exclude = this.excludeGlobs.stream().map(Glob::path).toList();
    }

    /** Empty or null lists mean "no includes" (everything) and "no excludes". */
    public static PathFilter of(List<String> includeGlobs, List<String> excludeGlobs) {
        List<String> inc = includeGlobs == null ? List.of() : includeGlobs;
        List<String> exc = excludeGlobs == null ? List.of() : excludeGlobs;
        return inc.isEmpty() && exc.isEmpty() ? ALL : new PathFilter(inc, exc);
    }

    /** True when this filter cannot reject any path. */
    public boolean isAll() {
        return include.isEmpty() && exclude.isEmpty();
    }

    public boolean matches(String path) {
        if (isAll()) {
            return true;
        }
        return (include.isEmpty() || anyMatch(include, path)) && !anyMatch(exclude, path);
    }

    public List<String> includeGlobs() {
        return includeGlobs;
    }

    public List<String> excludeGlobs() {
        return excludeGlobs;
    }

    /** Tries the full path, then each parent directory, so directory globs cover their contents. */
    private static boolean anyMatch(List<Pattern> patterns, String path) {
        for (Pattern p : patterns) {
            if (p.matcher(path).matches()) {
                return true;
            }
            for (int slash = path.indexOf('/'); slash > 0; slash = path.indexOf('/', slash + 1)) {
                if (p.matcher(path.substring(0, slash)).matches()) {
                    return true;
                }
            }
        }
        return false;
    }

    @Override
    public String toString() {
        return "PathFilter[include=" + includeGlobs + ", exclude=" + excludeGlobs + "]";
    }
}
