package dev.episodic.connect.apilog;

import dev.episodic.connect.common.event.EpisodicEvent;
import java.time.Instant;
import java.util.EnumMap;

/**
 * Turns read-ahead lines into events on one thread: parses each line with this thread's own parsers (they keep
 * per-line scratch state, so threads never share one) and builds its {@code http_request} event, or its
 * {@code http_request_unparsed} event when it does not parse (counted and logged). Each thread that parses
 * chunks, the reading thread and the task thread, has one worker.
 */
final class LineWorker {
    private final ReadSettings settings;
    private final ApiLogEvents events;
    private final UnparsedLineLog unparsed;
    private final ParsedRequest request = new ParsedRequest();
    private final EnumMap<LogFormat, FormatParser> parsers = new EnumMap<>(LogFormat.class);
    /** The parser of the last origin seen: consecutive lines nearly always share their file. */
    private LineOrigin lastOrigin;
    private FormatParser lastParser;

    LineWorker(final ReadSettings settings, final ApiLogEvents events, final UnparsedLineLog unparsed) {
        this.settings = settings;
        this.events = events;
        this.unparsed = unparsed;
    }

    /**
     * The event of one line: {@code b[from, to)} without its line end, {@code lineStart} its offset in the file,
     * {@code cutLength} its full length when it was cut at the maximum (else -1), {@code after} the stream's cursor
     * after it.
     */
    EpisodicEvent event(final LineOrigin origin, final byte[] b, final int from, final int to, final long lineStart,
                        final long cutLength, final ApiLogFileCursor after, final Instant ingestedAt) {
        String eventId = origin.idPrefix() + lineStart;
        boolean truncated = cutLength >= 0;
        String failure;
        if (truncated) {
            failure = ApiLogEvents.REASON_TOO_LONG;
        } else if (to == from) {
            failure = ApiLogEvents.REASON_EMPTY;
        } else if (parser(origin).parse(b, from, to, request)) {
            failure = null;
        } else {
            failure = request.failure;
        }
        if (failure == null) {
            String raw = settings.decodeRaw() ? ApiLogEvents.decode(b, from, to) : null;
            boolean invalid = raw != null && ApiLogEvents.isInvalidUtf8(raw, b, from, to);
            return events.parsed(origin.stream(), after.seq(), eventId, raw, invalid, request, ingestedAt);
        }
        String raw = ApiLogEvents.decode(b, from, to);
        boolean invalid = ApiLogEvents.isInvalidUtf8(raw, b, from, to);
        long lineNumber = after.line();
        unparsed.record(origin.path(), lineNumber, failure);
        return events.unparsed(origin.stream(), after.seq(), eventId, lineNumber, raw, invalid, failure,
                origin.format(), truncated, truncated ? cutLength : to - from, ingestedAt);
    }

    private FormatParser parser(final LineOrigin origin) {
        if (origin != lastOrigin) {
            lastParser = parsers.computeIfAbsent(origin.format(),
                    chosen -> FormatParser.of(settings.format(), chosen, settings.mapping()));
            lastOrigin = origin;
        }
        return lastParser;
    }
}
