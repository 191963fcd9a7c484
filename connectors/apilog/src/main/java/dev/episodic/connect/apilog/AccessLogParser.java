package dev.episodic.connect.apilog;

import java.nio.charset.StandardCharsets;

/**
 * Common Log Format and its combined extension, scanned byte by byte without regular expressions:
 * {@code host ident user [time] "request" status bytes} then, for combined, {@code "referer" "user-agent"}.
 * Quoted fields may hold backslash escapes ({@code \"}, {@code \\}, {@code \xHH} as nginx writes them), which are
 * decoded; an unescaped quote inside the request is tolerated by requiring the closing quote to be followed by
 * the status. Anything after the last expected field is ignored.
 */
final class AccessLogParser implements LineParser {
    private static final String[] STATUS = new String[1000];
    private static final String[] METHODS = {"GET", "POST", "PUT", "DELETE", "HEAD", "PATCH", "OPTIONS", "CONNECT",
        "TRACE"};
    private static final byte[][] METHOD_BYTES = new byte[METHODS.length][];

    static {
        for (int i = 0; i < 1000; i++) {
            STATUS[i] = String.format("%03d", i);
        }
        for (int i = 0; i < METHODS.length; i++) {
            METHOD_BYTES[i] = METHODS[i].getBytes(StandardCharsets.US_ASCII);
        }
    }

    private final boolean combined;
    private final LogTimes times = new LogTimes();
    private final RepeatedStrings repeated = new RepeatedStrings();
    private byte[] scratch = new byte[256];
    /** End of the last quoted field found and whether it held a backslash. */
    private int quoteEnd;
    private boolean quoteEscaped;

    AccessLogParser(final boolean combined) {
        this.combined = combined;
    }

    @Override
    public boolean parse(final byte[] b, final int from, final int to, final ParsedRequest out) {
        int p = from;
        int sp = ByteScan.indexOf(b, p, to, (byte) ' ');
        if (sp <= p) {
            return out.fail("expected the client address");
        }
        String ip = ascii(b, p, sp);
        p = ByteScan.indexOf(b, sp + 1, to, (byte) ' ');
        if (p < 0) {
            return out.fail("expected the ident field");
        }
        int userStart = p + 1;
        if (userStart >= to) {
            return out.fail("expected the user field");
        }
        int bracket = ByteScan.indexOf(b, userStart, to, (byte) '[');
        if (bracket < userStart + 2 || b[bracket - 1] != ' ') {
            return out.fail("expected [time] after the user field");
        }
        int userEnd = bracket - 1;
        int close = ByteScan.indexOf(b, bracket + 1, to, (byte) ']');
        if (close < 0) {
            return out.fail("time is not closed by ']'");
        }
        out.time = times.clf(b, bracket + 1, close);
        if (out.time == null) {
            return out.fail("time is not dd/MMM/yyyy:HH:mm:ss +zzzz");
        }
        p = close + 1;
        if (p + 1 >= to || b[p] != ' ' || b[p + 1] != '"') {
            return out.fail("expected a quoted request after the time");
        }
        int reqStart = p + 2;
        if (!quoted(b, reqStart, to, true)) {
            return out.fail("request is not closed by a quote followed by the status");
        }
        int reqEnd = quoteEnd;
        boolean reqEscaped = quoteEscaped;
        p = reqEnd + 2;
        if (p + 3 > to) {
            return out.fail("expected the status");
        }
        int status = digits3(b, p);
        if (status < 0 || (p + 3 < to && b[p + 3] != ' ')) {
            return out.fail("status is not a three-digit number");
        }
        p += 3;
        int bytesEnd = p + 1 < to ? ByteScan.indexOf(b, p + 1, to, (byte) ' ') : -1;
        if (p + 1 >= to) {
            return out.fail("expected the response size");
        }
        int bytesStop = bytesEnd < 0 ? to : bytesEnd;
        if (!isSize(b, p + 1, bytesStop)) {
            return out.fail("response size is neither a number nor '-'");
        }
        String size = b[p + 1] == '-' ? null : ascii(b, p + 1, bytesStop);
        String referer = null;
        String agent = null;
        if (combined) {
            p = bytesStop;
            if (p + 1 >= to || b[p] != ' ' || b[p + 1] != '"') {
                return out.fail("expected a quoted referer (combined format)");
            }
            if (!quoted(b, p + 2, to, false)) {
                return out.fail("referer is not closed by a quote");
            }
            referer = dashless(field(b, p + 2, quoteEnd, quoteEscaped));
            p = quoteEnd + 1;
            if (p + 1 >= to || b[p] != ' ' || b[p + 1] != '"') {
                return out.fail("expected a quoted user agent (combined format)");
            }
            if (!quoted(b, p + 2, to, false)) {
                return out.fail("user agent is not closed by a quote");
            }
            agent = dashless(field(b, p + 2, quoteEnd, quoteEscaped));
        }
        out.clientIp = ip;
        out.user = userEnd - userStart == 1 && b[userStart] == '-' ? null : field(b, userStart, userEnd, false);
        out.status = STATUS[status];
        out.bytes = size;
        out.referer = referer;
        out.userAgent = agent;
        request(b, reqStart, reqEnd, reqEscaped, out);
        return true;
    }

    /** Splits "METHOD target PROTOCOL"; keeps anything else whole as the raw request. */
    private void request(final byte[] b, final int from, final int to, final boolean escaped,
                         final ParsedRequest out) {
        if (escaped) {
            String text = field(b, from, to, true);
            int s1 = text.indexOf(' ');
            int s2 = text.lastIndexOf(' ');
            if (s1 > 0 && isMethod(text, s1)) {
                out.method = text.substring(0, s1);
                boolean hasProtocol = s2 > s1 && text.startsWith("HTTP/", s2 + 1);
                out.target(text.substring(s1 + 1, hasProtocol ? s2 : text.length()));
            } else {
                // Not an HTTP request (e.g. a TLS handshake on a plain port): keep the escaped text as logged.
                out.request = field(b, from, to, false);
            }
            return;
        }
        int s1 = ByteScan.indexOf(b, from, to, (byte) ' ');
        if (s1 <= from || !isMethod(b, from, s1)) {
            out.request = to - from == 1 && b[from] == '-' || to == from ? null : field(b, from, to, false);
            return;
        }
        out.method = method(b, from, s1);
        int s2 = lastIndexOf(b, s1 + 1, to, (byte) ' ');
        boolean hasProtocol = s2 > s1 && to - s2 > 5 && b[s2 + 1] == 'H' && b[s2 + 2] == 'T' && b[s2 + 3] == 'T'
                && b[s2 + 4] == 'P' && b[s2 + 5] == '/';
        int targetEnd = hasProtocol ? s2 : to;
        int q = ByteScan.indexOf(b, s1 + 1, targetEnd, (byte) '?');
        if (q < 0) {
            out.path = utf8(b, s1 + 1, targetEnd);
        } else {
            out.path = utf8(b, s1 + 1, q);
            out.query = utf8(b, q + 1, targetEnd);
        }
    }

    /**
     * Finds the closing quote of a field starting at {@code from}: the first unescaped quote followed by a space
     * and three digits (the request) or by a space, the end of the line, or more fields (referer, agent).
     */
    private boolean quoted(final byte[] b, final int from, final int to, final boolean beforeStatus) {
        boolean escaped = false;
        for (int i = ByteScan.indexOfEither(b, from, to, (byte) '"', (byte) '\\'); i >= 0 && i < to;
                i = ByteScan.indexOfEither(b, i + 1, to, (byte) '"', (byte) '\\')) {
            byte c = b[i];
            if (c == '\\') {
                escaped = true;
                i++;
            } else {
                boolean closes = beforeStatus
                        ? i + 5 <= to && b[i + 1] == ' ' && digits3(b, i + 2) >= 0
                        : i + 1 == to || b[i + 1] == ' ';
                if (closes) {
                    quoteEnd = i;
                    quoteEscaped = escaped;
                    return true;
                }
            }
        }
        return false;
    }

    private String field(final byte[] b, final int from, final int to, final boolean escaped) {
        if (!escaped) {
            return repeated.get(b, from, to);
        }
        if (scratch.length < to - from) {
            scratch = new byte[Math.max(to - from, scratch.length * 2)];
        }
        int n = 0;
        for (int i = from; i < to; i++) {
            byte c = b[i];
            if (c == '\\' && i + 1 < to) {
                byte e = b[i + 1];
                if ((e == 'x' || e == 'X') && i + 3 < to && hex(b[i + 2]) >= 0 && hex(b[i + 3]) >= 0) {
                    scratch[n++] = (byte) (hex(b[i + 2]) * 16 + hex(b[i + 3]));
                    i += 3;
                    continue;
                }
                if (e == '"' || e == '\\') {
                    scratch[n++] = e;
                    i++;
                    continue;
                }
            }
            scratch[n++] = c;
        }
        return new String(scratch, 0, n, StandardCharsets.UTF_8);
    }

    private static int hex(final byte c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        return -1;
    }

    private static String method(final byte[] b, final int from, final int to) {
        int len = to - from;
        for (int m = 0; m < METHOD_BYTES.length; m++) {
            byte[] known = METHOD_BYTES[m];
            if (known.length == len && java.util.Arrays.equals(b, from, to, known, 0, len)) {
                return METHODS[m];
            }
        }
        return ascii(b, from, to);
    }

    /** A method is 1..20 upper-case letters (WebDAV and custom verbs included). */
    private static boolean isMethod(final byte[] b, final int from, final int to) {
        if (to - from > 20) {
            return false;
        }
        for (int i = from; i < to; i++) {
            if (b[i] < 'A' || b[i] > 'Z') {
                return false;
            }
        }
        return true;
    }

    private static boolean isMethod(final String s, final int end) {
        if (end > 20) {
            return false;
        }
        for (int i = 0; i < end; i++) {
            if (s.charAt(i) < 'A' || s.charAt(i) > 'Z') {
                return false;
            }
        }
        return true;
    }

    private static boolean isSize(final byte[] b, final int from, final int to) {
        if (to - from == 1 && b[from] == '-') {
            return true;
        }
        if (to <= from || to - from > 19) {
            return false;
        }
        for (int i = from; i < to; i++) {
            if (b[i] < '0' || b[i] > '9') {
                return false;
            }
        }
        return true;
    }

    private static int digits3(final byte[] b, final int at) {
        int d1 = b[at] - '0';
        int d2 = b[at + 1] - '0';
        int d3 = b[at + 2] - '0';
        if (d1 < 0 || d1 > 9 || d2 < 0 || d2 > 9 || d3 < 0 || d3 > 9) {
            return -1;
        }
        return d1 * 100 + d2 * 10 + d3;
    }

    private static String dashless(final String s) {
        return s == null || s.isEmpty() || s.equals("-") ? null : s;
    }

    private static int lastIndexOf(final byte[] b, final int from, final int to, final byte c) {
        for (int i = to - 1; i >= from; i--) {
            if (b[i] == c) {
                return i;
            }
        }
        return -1;
    }

    private static String ascii(final byte[] b, final int from, final int to) {
        return new String(b, from, to - from, StandardCharsets.ISO_8859_1);
    }

    private static String utf8(final byte[] b, final int from, final int to) {
        return new String(b, from, to - from, StandardCharsets.UTF_8);
    }
}
