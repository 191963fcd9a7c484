package dev.episodic.connect.filesystem.files;

import java.util.regex.Pattern;

/**
 * One path glob of {@code fs.include} / {@code fs.exclude}, matched against a path relative to the root with
 * {@code /} separators. {@code *} and {@code ?} stay inside one segment, {@code **} spans any number of segments
 * ({@code **}{@code /x} also matches {@code x} at the root). Globs are anchored at the root: {@code .git/**} is the
 * root's {@code .git} folder, {@code **}{@code /.git/**} any {@code .git} folder.
 */
public final class FileGlob {
    private final String glob;
    private final Pattern pattern;
    /** For a glob ending in {@code /**}: the folders whose whole subtree it matches, so the walk can skip them. */
    private final Pattern subtreePattern;

    private FileGlob(final String glob) {
        this.glob = glob;
        this.pattern = Pattern.compile(toRegex(glob));
        this.subtreePattern = glob.endsWith("/**") && glob.length() > 3
                ? Pattern.compile(toRegex(glob.substring(0, glob.length() - 3))) : null;
    }

    /** Parses one glob; throws {@link IllegalArgumentException} naming the problem. */
    public static FileGlob of(final String glob) {
        String g = glob == null ? "" : glob.strip();
        if (g.isEmpty()) {
            throw new IllegalArgumentException("empty glob");
        }
        if (g.startsWith("/")) {
            throw new IllegalArgumentException("glob '" + g + "' starts with '/': globs are relative to the root, "
                    + "write it without the leading slash");
        }
        if (g.contains("\\")) {
            throw new IllegalArgumentException("glob '" + g + "' contains a backslash: use '/' between folders");
        }
        return new FileGlob(g);
    }

    public boolean matches(final String relativePath) {
        return pattern.matcher(relativePath).matches();
    }

    /** True when every path below {@code folder} matches, so the folder need not be walked at all. */
    public boolean coversFolder(final String folder) {
        return subtreePattern != null && subtreePattern.matcher(folder).matches();
    }

    @Override
    public String toString() {
        return glob;
    }

    private static String toRegex(final String glob) {
        StringBuilder re = new StringBuilder();
        int i = 0;
        while (i < glob.length()) {
            char ch = glob.charAt(i);
            if (ch == '*' && i + 1 < glob.length() && glob.charAt(i + 1) == '*') {
                boolean slashAfter = i + 2 < glob.length() && glob.charAt(i + 2) == '/';
                re.append(slashAfter ? "(?:.*/)?" : ".*");
                i += slashAfter ? 3 : 2;
            } else {
                switch (ch) {
                    case '*' -> re.append("[^/]*");
                    case '?' -> re.append("[^/]");
                    default -> re.append(Pattern.quote(String.valueOf(ch)));
                }
                i++;
            }
        }
        return re.toString();
    }
}
