package dev.episodic.connect.apilog;

import java.nio.charset.StandardCharsets;
import java.util.EnumSet;


/**
 * The fast path for the usual JSON log line: one flat object whose keys and string values are printable ASCII
 * without escapes, and whose values are strings, numbers, {@code true}, {@code false} or {@code null}. Such a line
 * is read straight from its bytes, each key looked up without making a string of it, in about a third of the time
 * Jackson's streaming parser takes.
 *
 * <p>Anything else (a nested object or array, an escape, a byte outside printable ASCII, a tab or CR between
 * tokens, anything that is not strictly JSON) is left to Jackson: the scanner accepts a subset of what Jackson
 * accepts and reads it the same way (the same text for every value, numbers as written, the same first-candidate
 * rule), so which of the two read a line never changes its event. {@code JsonLineParserTest} holds them equal.
 */
final class FlatJsonScanner {
    private static final byte[] TRUE = {'t', 'r', 'u', 'e'};
    private static final byte[] FALSE = {'f', 'a', 'l', 's', 'e'};
    private static final byte[] NULL = {'n', 'u', 'l', 'l'};
    /** Longer numbers go to Jackson, which enforces its own length limit. */
    private static final int MAX_NUMBER_CHARS = 100;
    /**
     * By target ordinal: the fields whose values repeat from line to line, taken from {@link RepeatedStrings}.
     * The others (times, ids, paths, sizes) are nearly always new, and a cache lookup that misses costs more than
     * the string it would have saved.
     */
    private static final boolean[] REPEATING = new boolean[FieldTarget.values().length];

    static {
        for (FieldTarget t : EnumSet.of(FieldTarget.METHOD, FieldTarget.STATUS, FieldTarget.USER,
                FieldTarget.USER_AGENT, FieldTarget.REFERER)) {
            REPEATING[t.ordinal()] = true;
        }
    }

    private FlatJsonScanner() {
    }

    /**
     * Reads the object starting at {@code b[from]} into {@code out}, updating {@code rank} (per target ordinal, the
     * rank of the candidate that filled it). True when the line was read; false when it must go to Jackson, in
     * which case {@code out} and {@code rank} may be partly filled and must be reset.
     */
    static boolean scan(final byte[] b, final int from, final int to, final JsonFieldMapping mapping,
                        final int[] rank, final RepeatedStrings strings, final ParsedRequest out) {
        int p = skipSpaces(b, from, to);
        if (p >= to || b[p] != '{') {
            return false;
        }
        p = skipSpaces(b, p + 1, to);
        if (p < to && b[p] == '}') {
            return skipSpaces(b, p + 1, to) == to;
        }
        while (true) {
            if (p >= to || b[p] != '"') {
                return false;
            }
            int keyStart = p + 1;
            int keyEnd = stringEnd(b, keyStart, to);
            if (keyEnd < 0) {
                return false;
            }
            p = skipSpaces(b, keyEnd + 1, to);
            if (p >= to || b[p] != ':') {
                return false;
            }
            p = skipSpaces(b, p + 1, to);
            if (p >= to) {
                return false;
            }
            int valueStart = p;
            int valueEnd;
            byte c = b[p];
            if (c == '"') {
                valueStart = p + 1;
                valueEnd = stringEnd(b, valueStart, to);
                if (valueEnd < 0) {
                    return false;
                }
                p = valueEnd + 1;
            } else if (c == '-' || (c >= '0' && c <= '9')) {
                valueEnd = numberEnd(b, p, to);
                if (valueEnd < 0) {
                    return false;
                }
                p = valueEnd;
            } else if (startsWith(b, p, to, TRUE)) {
                valueEnd = p + TRUE.length;
                p = valueEnd;
            } else if (startsWith(b, p, to, FALSE)) {
                valueEnd = p + FALSE.length;
                p = valueEnd;
            } else if (startsWith(b, p, to, NULL)) {
                // A null feeds nothing (as in the Jackson path).
                valueEnd = -1;
                p += NULL.length;
            } else {
                return false;
            }
            if (valueEnd >= 0) {
                JsonFieldMapping.Candidate candidate = mapping.candidate(b, keyStart, keyEnd);
                if (candidate != null) {
                    int target = candidate.target().ordinal();
                    if (candidate.rank() < rank[target]) {
                        rank[target] = candidate.rank();
                        // Plain ASCII here, so the UTF-8 decoding of the cache reads it exactly as Latin-1 would.
                        String value = REPEATING[target] ? strings.get(b, valueStart, valueEnd)
                                : new String(b, valueStart, valueEnd - valueStart, StandardCharsets.ISO_8859_1);
                        JsonLineParser.assign(candidate.target(), value, out);
                    }
                }
            }
            p = skipSpaces(b, p, to);
            if (p >= to) {
                return false;
            }
            if (b[p] == '}') {
                return skipSpaces(b, p + 1, to) == to;
            }
            if (b[p] != ',') {
                return false;
            }
            p = skipSpaces(b, p + 1, to);
        }
    }

    private static int skipSpaces(final byte[] b, final int from, final int to) {
        int i = from;
        while (i < to && b[i] == ' ') {
            i++;
        }
        return i;
    }

    /** The index of the closing quote of a string starting at {@code from}; -1 unless plain printable ASCII. */
    private static int stringEnd(final byte[] b, final int from, final int to) {
        int end = ByteScan.indexOfStringStop(b, from, to);
        // Escapes, control characters and non-ASCII bytes go to Jackson.
        return end >= 0 && b[end] == '"' ? end : -1;
    }

    /** The end of a strict JSON number at {@code from}, or -1 when it is not one (or too long). */
    private static int numberEnd(final byte[] b, final int from, final int to) {
        int i = from;
        if (b[i] == '-') {
            i++;
        }
        if (i >= to) {
            return -1;
        }
        if (b[i] == '0') {
            i++;
        } else if (b[i] >= '1' && b[i] <= '9') {
            i = digits(b, i, to);
        } else {
            return -1;
        }
        if (i < to && b[i] == '.') {
            int start = i + 1;
            i = digits(b, start, to);
            if (i == start) {
                return -1;
            }
        }
        if (i < to && (b[i] == 'e' || b[i] == 'E')) {
            i++;
            if (i < to && (b[i] == '+' || b[i] == '-')) {
                i++;
            }
            int start = i;
            i = digits(b, start, to);
            if (i == start) {
                return -1;
            }
        }
        return i - from > MAX_NUMBER_CHARS ? -1 : i;
    }

    private static int digits(final byte[] b, final int from, final int to) {
        int i = from;
        while (i < to && b[i] >= '0' && b[i] <= '9') {
            i++;
        }
        return i;
    }

    private static boolean startsWith(final byte[] b, final int at, final int to, final byte[] word) {
        if (to - at < word.length) {
            return false;
        }
        for (int i = 0; i < word.length; i++) {
            if (b[at + i] != word[i]) {
                return false;
            }
        }
        return true;
    }
}
