package dev.episodic.connect.filesystem.files;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * The compact text of a shard offset. Each line is one path, length-prefixed so that any character a file name
 * may hold (commas, spaces, even newlines) needs no escaping:
 *
 * <pre>
 *   files: &lt;path length, base 36&gt;:&lt;path&gt; &lt;mtime ns, base 36&gt; &lt;size, base 36&gt; &lt;hash or empty&gt;\n
 *   gone:  &lt;path length, base 36&gt;:&lt;path&gt; &lt;seq, base 36&gt;\n
 * </pre>
 */
public final class ShardFormat {
    private ShardFormat() {
    }

    public static void appendFile(final StringBuilder out, final String path, final FileState state) {
        appendPath(out, path);
        out.append(' ').append(Long.toString(state.mtimeNanos(), 36))
                .append(' ').append(Long.toString(state.size(), 36))
                .append(' ').append(state.hash()).append('\n');
    }

    public static void appendGone(final StringBuilder out, final String path, final long seq) {
        appendPath(out, path);
        out.append(' ').append(Long.toString(seq, 36)).append('\n');
    }

    /** One encoded file line, cached by the index so a shard snapshot is a concatenation. */
    public static String fileLine(final String path, final FileState state) {
        StringBuilder out = new StringBuilder(path.length() + 32);
        appendFile(out, path, state);
        return out.toString();
    }

    public static Map<String, FileState> parseFiles(final String text) {
        Map<String, FileState> files = new LinkedHashMap<>();
        parse(text, 3, (path, fields) -> {
            String hash = fields[2];
            if (!hash.isEmpty() && !hash.matches("[A-Za-z0-9_-]{11}")) {
                throw new IllegalArgumentException("hash of '" + path + "' is not 11 base64url characters: " + hash);
            }
            long size = Long.parseLong(fields[1], 36);
            if (size < 0) {
                throw new IllegalArgumentException("size of '" + path + "' is negative");
            }
            if (files.put(path, new FileState(Long.parseLong(fields[0], 36), size, hash)) != null) {
                throw new IllegalArgumentException("path '" + path + "' appears twice");
            }
        });
        return files;
    }

    public static Map<String, Long> parseGone(final String text) {
        Map<String, Long> gone = new LinkedHashMap<>();
        parse(text, 1, (path, fields) -> {
            long seq = Long.parseLong(fields[0], 36);
            if (seq < 1) {
                throw new IllegalArgumentException("seq of gone path '" + path + "' must be >= 1");
            }
            gone.put(path, seq);
        });
        return gone;
    }

    /** Strict parse; throws {@link IllegalArgumentException} naming the position and the problem. */
    private static void parse(final String text, final int fieldCount, final BiConsumer<String, String[]> line) {
        int pos = 0;
        while (pos < text.length()) {
            int colon = text.indexOf(':', pos);
            if (colon < 0) {
                throw new IllegalArgumentException("at character " + pos + ": missing ':' after the path length");
            }
            int length;
            try {
                length = Integer.parseInt(text, pos, colon, 36);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("at character " + pos + ": path length is not a base-36 number");
            }
            int pathEnd = colon + 1 + length;
            if (length < 1 || pathEnd >= text.length() || text.charAt(pathEnd) != ' ') {
                throw new IllegalArgumentException("at character " + pos + ": path of length " + length
                        + " is not followed by a space");
            }
            String path = text.substring(colon + 1, pathEnd);
            int end = text.indexOf('\n', pathEnd);
            if (end < 0) {
                throw new IllegalArgumentException("entry of '" + path + "' does not end with a newline");
            }
            String[] fields = text.substring(pathEnd + 1, end).split(" ", -1);
            if (fields.length != fieldCount) {
                throw new IllegalArgumentException("entry of '" + path + "' has " + fields.length + " fields, expected "
                        + fieldCount);
            }
            try {
                line.accept(path, fields);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("entry of '" + path + "' holds a malformed number: " + e.getMessage());
            }
            pos = end + 1;
        }
    }

    private static void appendPath(final StringBuilder out, final String path) {
        out.append(Integer.toString(path.length(), 36)).append(':').append(path);
    }
}
