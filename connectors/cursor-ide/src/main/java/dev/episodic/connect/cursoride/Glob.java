package dev.episodic.connect.cursoride;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Path globs over workspace folders: {@code *} matches within one path segment, {@code **} across segments,
 * {@code ?} one character. Separators are normalised to '/', so one glob works for Windows and Unix paths.
 */
final class Glob {
    private final List<Pattern> patterns;

    Glob(final List<String> globs) {
        this.patterns = globs.stream().map(Glob::compile).toList();
    }

    /** True when no glob is configured (everything matches) or the path matches one of them. */
    boolean matches(final String path) {
        if (patterns.isEmpty()) {
            return true;
        }
        if (path == null) {
            return false;
        }
        String normalised = normalise(path);
        return patterns.stream().anyMatch(p -> p.matcher(normalised).matches());
    }

    static String normalise(final String path) {
        String p = path.replace('\\', '/');
        return p.length() > 1 && p.endsWith("/") ? p.substring(0, p.length() - 1) : p;
    }

    static Pattern compile(final String glob) {
        String g = normalise(glob);
        StringBuilder regex = new StringBuilder();
        for (int i = 0; i < g.length(); i++) {
            char c = g.charAt(i);
            if (c == '*') {
                if (i + 1 < g.length() && g.charAt(i + 1) == '*') {
                    regex.append(".*");
                    i++;
                } else {
                    regex.append("[^/]*");
                }
            } else if (c == '?') {
                regex.append("[^/]");
            } else {
                regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(regex.toString());
    }
}
