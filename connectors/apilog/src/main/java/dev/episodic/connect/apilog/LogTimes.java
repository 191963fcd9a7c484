package dev.episodic.connect.apilog;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/**
 * Time stamps of log lines, parsed by hand: the access-log form {@code 10/Oct/2000:13:55:36 -0700}, ISO-8601 and
 * epoch numbers. No formatter objects on the hot path; many lines share a second, so the access-log parser keeps
 * the last text and its instant.
 */
final class LogTimes {
    private static final int CLF_LENGTH = 26;
    private final byte[] lastClf = new byte[CLF_LENGTH];
    private Instant lastClfInstant;

    /** Parses {@code dd/MMM/yyyy:HH:mm:ss +hhmm} at {@code [from, to)}; null when it is not that form. */
    Instant clf(final byte[] b, final int from, final int to) {
        if (to - from != CLF_LENGTH) {
            return null;
        }
        if (lastClfInstant != null && java.util.Arrays.equals(b, from, to, lastClf, 0, CLF_LENGTH)) {
            return lastClfInstant;
        }
        int day = two(b, from);
        int month = month(b[from + 3], b[from + 4], b[from + 5]);
        int year = two(b, from + 7) * 100 + two(b, from + 9);
        int hour = two(b, from + 12);
        int minute = two(b, from + 15);
        int second = two(b, from + 18);
        int offHours = two(b, from + 22);
        int offMinutes = two(b, from + 24);
        byte sign = b[from + 21];
        if (b[from + 2] != '/' || b[from + 6] != '/' || b[from + 11] != ':' || b[from + 14] != ':'
                || b[from + 17] != ':' || b[from + 20] != ' ' || (sign != '+' && sign != '-')
                || (day | month | year | hour | minute | second | offHours | offMinutes) < 0
                || !valid(year, month, day, hour, minute, second)) {
            return null;
        }
        int offset = (offHours * 3600 + offMinutes * 60) * (sign == '-' ? -1 : 1);
        Instant result = Instant.ofEpochSecond(epochSecond(year, month, day, hour, minute, second) - offset);
        System.arraycopy(b, from, lastClf, 0, CLF_LENGTH);
        lastClfInstant = result;
        return result;
    }

    /** A JSON time value: ISO-8601 text, access-log text, or epoch seconds/milliseconds as text; null if none. */
    static Instant flexible(final String text) {
        String t = text.trim();
        if (t.isEmpty()) {
            return null;
        }
        char first = t.charAt(0);
        if (first >= '0' && first <= '9' && t.indexOf('-') < 0 && t.indexOf('/') < 0) {
            return epoch(t);
        }
        Instant fast = iso(t);
        if (fast != null) {
            return fast;
        }
        try {
            return Instant.parse(t);
        } catch (DateTimeParseException notInstant) {
            try {
                return OffsetDateTime.parse(t).toInstant();
            } catch (DateTimeParseException notOffset) {
                byte[] b = t.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
                return new LogTimes().clf(b, 0, b.length);
            }
        }
    }

    /**
     * The common ISO-8601 shape {@code yyyy-MM-ddTHH:mm:ss[.fraction](Z|+hh:mm|+hhmm)} by hand; null for any
     * other shape, which the caller then gives to java.time.
     */
    static Instant iso(final String t) {
        int n = t.length();
        if (n < 20 || t.charAt(4) != '-' || t.charAt(7) != '-' || (t.charAt(10) != 'T' && t.charAt(10) != ' ')
                || t.charAt(13) != ':' || t.charAt(16) != ':') {
            return null;
        }
        int year = digits(t, 0, 4);
        int month = digits(t, 5, 2);
        int day = digits(t, 8, 2);
        int hour = digits(t, 11, 2);
        int minute = digits(t, 14, 2);
        int second = digits(t, 17, 2);
        if ((year | month | day | hour | minute | second) < 0 || !valid(year, month, day, hour, minute, second)
                || month > 12) {
            return null;
        }
        int i = 19;
        long nanos = 0;
        if (i < n && (t.charAt(i) == '.' || t.charAt(i) == ',')) {
            i++;
            int start = i;
            long scale = 100_000_000L;
            while (i < n && t.charAt(i) >= '0' && t.charAt(i) <= '9') {
                nanos += (t.charAt(i) - '0') * scale;
                scale /= 10;
                i++;
            }
            if (i == start || i - start > 9) {
                return null;
            }
        }
        int offset;
        if (i == n - 1 && (t.charAt(i) == 'Z' || t.charAt(i) == 'z')) {
            offset = 0;
        } else if (i < n && (t.charAt(i) == '+' || t.charAt(i) == '-')) {
            int sign = t.charAt(i) == '-' ? -1 : 1;
            int oh = digits(t, i + 1, 2);
            int om;
            if (n - i == 6 && t.charAt(i + 3) == ':') {
                om = digits(t, i + 4, 2);
            } else if (n - i == 5) {
                om = digits(t, i + 3, 2);
            } else {
                return null;
            }
            if (oh < 0 || om < 0 || oh > 18 || om > 59) {
                return null;
            }
            offset = sign * (oh * 3600 + om * 60);
        } else {
            return null;
        }
        return Instant.ofEpochSecond(epochSecond(year, month, day, hour, minute, second) - offset, nanos);
    }

    private static int digits(final String t, final int from, final int count) {
        if (from + count > t.length()) {
            return -1;
        }
        int v = 0;
        for (int i = from; i < from + count; i++) {
            char c = t.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }

    /** Epoch seconds (may have a fraction), or milliseconds when the number is too large to be seconds. */
    static Instant epoch(final String text) {
        try {
            double value = Double.parseDouble(text);
            if (Double.isNaN(value) || Double.isInfinite(value) || value < 0) {
                return null;
            }
            if (value >= 1e14) {
                return Instant.ofEpochMilli((long) (value / 1000));
            }
            if (value >= 1e11) {
                return Instant.ofEpochMilli((long) value);
            }
            long seconds = (long) value;
            return Instant.ofEpochSecond(seconds, Math.round((value - seconds) * 1e9));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static boolean valid(final int year, final int month, final int day, final int hour, final int minute,
                                 final int second) {
        return month >= 1 && day >= 1 && day <= 31 && hour <= 23 && minute <= 59 && second <= 60 && year >= 1970;
    }

    private static int two(final byte[] b, final int at) {
        int d1 = b[at] - '0';
        int d2 = b[at + 1] - '0';
        if (d1 < 0 || d1 > 9 || d2 < 0 || d2 > 9) {
            return -1;
        }
        return d1 * 10 + d2;
    }

    private static int month(final byte a, final byte b, final byte c) {
        switch (a) {
            case 'J':
                if (b == 'a' && c == 'n') {
                    return 1;
                }
                if (b == 'u') {
                    return c == 'n' ? 6 : c == 'l' ? 7 : -1;
                }
                return -1;
            case 'F':
                return b == 'e' && c == 'b' ? 2 : -1;
            case 'M':
                return b == 'a' ? (c == 'r' ? 3 : c == 'y' ? 5 : -1) : -1;
            case 'A':
                return b == 'p' && c == 'r' ? 4 : b == 'u' && c == 'g' ? 8 : -1;
            case 'S':
                return b == 'e' && c == 'p' ? 9 : -1;
            case 'O':
                return b == 'c' && c == 't' ? 10 : -1;
            case 'N':
                return b == 'o' && c == 'v' ? 11 : -1;
            case 'D':
                return b == 'e' && c == 'c' ? 12 : -1;
            default:
                return -1;
        }
    }

    /** Seconds since the epoch of a UTC civil time (days-from-civil arithmetic, proleptic Gregorian). */
    static long epochSecond(final int year, final int month, final int day, final int hour, final int minute,
                            final int second) {
        int y = month <= 2 ? year - 1 : year;
        int era = Math.floorDiv(y, 400);
        int yoe = y - era * 400;
        int mp = (month + 9) % 12;
        int doy = (153 * mp + 2) / 5 + day - 1;
        int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        long days = era * 146_097L + doe - 719_468L;
        return days * 86_400L + hour * 3600L + minute * 60L + second;
    }
}
