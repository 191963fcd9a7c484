package dev.episodic.connect.filesystem.git;

import java.util.regex.Pattern;

/** Translates the two glob dialects the connector accepts into regular expressions. */
final class Glob {

    private Glob() {
    }

    /**
     * Branch-name glob: {@code *} matches any run of characters including {@code /}, so that a
     * bare {@code *} selects every branch and {@code release/*} every branch under release/.
     */
    static Pattern branch(String glob) {
        StringBuilder re = new StringBuilder();
        for (int i = 0; i < glob.length(); i++) {
            char ch = glob.charAt(i);
            switch (ch) {
                case '*' -> re.append(".*");
                case '?' -> re.append('.');
                default -> re.append(Pattern.quote(String.valueOf(ch)));
            }
        }
        return Pattern.compile(re.toString());
    }

    /**
     * Path glob with gitignore-like rules: {@code *} and {@code ?} stay inside one path segment,
     * {@code **} crosses segments, a pattern without a slash matches a name at any depth, a leading
     * slash anchors at the root, a trailing slash means "everything below". Matching a directory
     * matches everything inside it (see {@link PathFilter}).
     */
    static Pattern path(String glob) {
        String g = glob.strip();
        if (g.isEmpty()) {
            throw new IllegalArgumentException("empty path glob");
        }
        if (g.endsWith("/")) {
            g = g + "**";
        }
        boolean anchored = g.startsWith("/") || g.substring(0, g.length() - 1).contains("/");
        if (g.startsWith("/")) {
            g = g.substring(1);
        }
        StringBuilder re = new StringBuilder(anchored ? "" : "(?:.*/)?");
        int i = 0;
        while (i < g.length()) {
            char ch = g.charAt(i);
            if (ch == '*' && i + 1 < g.length() && g.charAt(i + 1) == '*') {
                boolean slashAfter = i + 2 < g.length() && g.charAt(i + 2) == '/';
                re.append(slashAfter ? "(?:.*/)?" : ".*");
                i += slashAfter ? 3 : 2;
                continue;
            }
            switch (ch) {
                case '*' -> re.append("[^/]*");
                case '?' -> re.append("[^/]");
                default -> re.append(Pattern.quote(String.valueOf(ch)));
            }
            i++;
        }
        return Pattern.compile(re.toString());
    }
}
