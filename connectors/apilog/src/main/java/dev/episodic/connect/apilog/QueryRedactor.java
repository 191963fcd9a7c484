package dev.episodic.connect.apilog;

import java.util.Collection;
import java.util.Locale;

/**
 * Replaces the values of named query parameters with {@value #MASK}. Works on a bare query string and on free
 * text (a raw log line) where a query starts after a '?' and ends at a space, quote, '#' or the end. Text without
 * a '?' is returned as it is, without scanning further.
 */
final class QueryRedactor {
    static final String MASK = "REDACTED";
    private final String[] names;

    QueryRedactor(final Collection<String> names) {
        this.names = names.stream().map(n -> n.toLowerCase(Locale.ROOT)).toArray(String[]::new);
    }

    boolean isEmpty() {
        return names.length == 0;
    }

    /** Redacts a query string (without its '?'). */
    String query(final String query) {
        if (query == null || names.length == 0 || query.isEmpty()) {
            return query;
        }
        return redact(query, 0);
    }

    /** Redacts every query found after a '?' in {@code text}. */
    String text(final String text) {
        if (text == null || names.length == 0) {
            return text;
        }
        int q = text.indexOf('?');
        return q < 0 ? text : redact(text, q + 1);
    }

    private String redact(final String s, final int firstParam) {
        StringBuilder out = null;
        int copied = 0;
        int i = firstParam;
        int n = s.length();
        while (i < n) {
            // i is at the start of a parameter name.
            int nameEnd = i;
            while (nameEnd < n && !endsParam(s.charAt(nameEnd)) && s.charAt(nameEnd) != '=') {
                nameEnd++;
            }
            if (nameEnd < n && s.charAt(nameEnd) == '=') {
                int valueStart = nameEnd + 1;
                int valueEnd = valueStart;
                while (valueEnd < n && !endsParam(s.charAt(valueEnd))) {
                    valueEnd++;
                }
                if (valueEnd > valueStart && matches(s, i, nameEnd)) {
                    if (out == null) {
                        out = new StringBuilder(n + 8);
                    }
                    out.append(s, copied, valueStart).append(MASK);
                    copied = valueEnd;
                }
                i = valueEnd;
            } else {
                i = nameEnd;
            }
            if (i >= n) {
                break;
            }
            char c = s.charAt(i);
            if (c == '&' || c == ';') {
                i++;
            } else {
                // The query ended (space, quote, '#'); look for the next one in free text.
                int next = s.indexOf('?', i);
                if (next < 0) {
                    break;
                }
                i = next + 1;
            }
        }
        if (out == null) {
            return s;
        }
        return out.append(s, copied, n).toString();
    }

    /** The characters that end a parameter, as a table: this test runs once per character of every query. */
    private static final boolean[] ENDS_PARAM = new boolean[128];

    static {
        for (char c : new char[] {'&', ';', ' ', '"', '#', '\'', '\t', '\\'}) {
            ENDS_PARAM[c] = true;
        }
    }

    private static boolean endsParam(final char c) {
        return c < ENDS_PARAM.length && ENDS_PARAM[c];
    }

    private boolean matches(final String s, final int from, final int to) {
        int len = to - from;
        for (String name : names) {
            if (name.length() == len && s.regionMatches(true, from, name, 0, len)) {
                return true;
            }
        }
        return false;
    }
}
