package dev.episodic.connect.apilog;

import java.util.ArrayList;
import java.util.List;

/**
 * The parser of one file. A fixed format uses its parser alone. {@code auto} picks a primary parser from the
 * file's first lines and, for a line the primary refuses, tries the other formats before giving up, so a file
 * that mixes formats loses nothing; the reason reported is the primary's.
 */
final class FormatParser {
    private static final int DETECT_LINES = 10;

    private final LogFormat format;
    private final LineParser primary;
    private final LineParser[] fallbacks;

    private FormatParser(final LogFormat format, final LineParser primary, final LineParser[] fallbacks) {
        this.format = format;
        this.primary = primary;
        this.fallbacks = fallbacks;
    }

    /**
     * A parser reading as {@code chosen} (the format {@link #detect} picked for auto, else the configured one):
     * parsers keep per-line scratch state, so every thread that parses a file's lines builds its own from the
     * format decided once for the file.
     */
    static FormatParser of(final LogFormat configured, final LogFormat chosen, final JsonFieldMapping mapping) {
        LineParser primary = parserOf(chosen, mapping);
        if (configured != LogFormat.AUTO) {
            return new FormatParser(chosen, primary, new LineParser[0]);
        }
        List<LineParser> others = new ArrayList<>();
        for (LogFormat f : new LogFormat[] {LogFormat.JSON, LogFormat.COMBINED, LogFormat.COMMON}) {
            if (f != chosen) {
                others.add(parserOf(f, mapping));
            }
        }
        return new FormatParser(chosen, primary, others.toArray(new LineParser[0]));
    }

    /** The format most of the first non-empty lines parse as; combined when nothing decides. */
    static LogFormat detect(final JsonFieldMapping mapping, final byte[] head, final int headLength) {
        LineParser json = parserOf(LogFormat.JSON, mapping);
        LineParser combined = parserOf(LogFormat.COMBINED, mapping);
        LineParser common = parserOf(LogFormat.COMMON, mapping);
        int[] votes = new int[3];
        ParsedRequest scratch = new ParsedRequest();
        int start = 0;
        int lines = 0;
        while (start < headLength && lines < DETECT_LINES) {
            int nl = ByteScan.indexOf(head, start, headLength, (byte) '\n');
            if (nl < 0) {
                break;
            }
            int end = nl > start && head[nl - 1] == '\r' ? nl - 1 : nl;
            if (end > start) {
                lines++;
                if (parses(json, head, start, end, scratch)) {
                    votes[0]++;
                } else if (parses(combined, head, start, end, scratch)) {
                    votes[1]++;
                } else if (parses(common, head, start, end, scratch)) {
                    votes[2]++;
                }
            }
            start = nl + 1;
        }
        if (votes[0] > votes[1] && votes[0] >= votes[2]) {
            return LogFormat.JSON;
        }
        return votes[2] > votes[1] ? LogFormat.COMMON : LogFormat.COMBINED;
    }

    private static boolean parses(final LineParser parser, final byte[] b, final int from, final int to,
                                  final ParsedRequest scratch) {
        scratch.reset();
        return parser.parse(b, from, to, scratch);
    }

    static LineParser parserOf(final LogFormat format, final JsonFieldMapping mapping) {
        return switch (format) {
            case JSON -> new JsonLineParser(mapping);
            case COMBINED -> new AccessLogParser(true);
            case COMMON -> new AccessLogParser(false);
            case AUTO -> throw new IllegalArgumentException("auto is decided per file, not a parser");
        };
    }

    /** The format this file is read as (the detected one for auto). */
    LogFormat format() {
        return format;
    }

    boolean parse(final byte[] b, final int from, final int to, final ParsedRequest out) {
        out.reset();
        if (primary.parse(b, from, to, out)) {
            return true;
        }
        String reason = out.failure;
        for (LineParser other : fallbacks) {
            out.reset();
            if (other.parse(b, from, to, out)) {
                return true;
            }
        }
        out.reset();
        out.failure = reason;
        return false;
    }
}
