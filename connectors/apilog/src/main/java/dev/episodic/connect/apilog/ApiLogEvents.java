package dev.episodic.connect.apilog;

import dev.episodic.connect.common.event.EpisodicEvent;
import dev.episodic.connect.common.event.SourceType;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/** Builds the events of log lines: {@code http_request} for a parsed line, {@code http_request_unparsed} else. */
final class ApiLogEvents {
    static final String HTTP_REQUEST = "http_request";
    static final String HTTP_REQUEST_UNPARSED = "http_request_unparsed";
    static final String REASON_TOO_LONG = "line_too_long";
    static final String REASON_EMPTY = "empty_line";

    private final String sourceId;
    private final boolean includePayload;
    private final QueryRedactor redactor;

    ApiLogEvents(final String sourceId, final boolean includePayload, final QueryRedactor redactor) {
        this.sourceId = sourceId;
        this.includePayload = includePayload;
        this.redactor = redactor;
    }

    /**
     * The part of the event id shared by every line of a file, computed once per file. An event id is
     * {@code apilog:<inode hex>-<fingerprint>:<byte offset of the line>}: the same line always has the same id.
     */
    static String idPrefix(final FileIdentity file) {
        return "apilog:" + file.id() + ":";
    }

    EpisodicEvent parsed(final String stream, final long seq, final String eventId, final String raw, final boolean invalidUtf8, final ParsedRequest r, final Instant ingestedAt) {
        String query = redactor.query(r.query);
        EpisodicEvent.Builder b = EpisodicEvent.builder()
                .eventId(eventId).sourceType(SourceType.API_LOG).sourceId(sourceId).stream(stream).sequence(seq)
                .eventType(HTTP_REQUEST)
                .occurredAt(r.time != null ? r.time : ingestedAt).ingestedAt(ingestedAt)
                .actor(r.user).sessionId(r.session)
                .subject(subject(r))
                .attribute("method", r.method)
                .attribute("path", r.path)
                .attribute("query", query)
                .attribute("status", r.status)
                .attribute("bytes", r.bytes)
                .attribute("latency_ms", r.latencyMs)
                .attribute("client_ip", r.clientIp)
                .attribute("user_agent", r.userAgent)
                .attribute("referer", r.referer == null ? null : redactor.text(r.referer))
                .attribute("request_id", r.requestId)
                .attribute("request", r.request == null ? null : redactor.text(r.request));
        if (r.time == null && r.timeText == null) {
            b.attribute("time_missing", "true");
        } else if (r.time == null) {
            b.attribute("time_invalid", r.timeText);
        }
        if (invalidUtf8) {
            b.attribute("invalid_utf8", "true");
        }
        if (includePayload) {
            String payload = redactor.text(raw);
            if (r.separateQuery && query != null && !query.equals(r.query)) {
                payload = payload.replace(r.query, query);
            }
            b.payload(payload);
        }
        return b.build();
    }

    EpisodicEvent unparsed(final String stream, final long seq, final String eventId, final long lineNumber,
                           final String raw, final boolean invalidUtf8, final String reason, final LogFormat format,
                           final boolean truncated, final long lineBytes, final Instant ingestedAt) {
        EpisodicEvent.Builder b = EpisodicEvent.builder()
                .eventId(eventId).sourceType(SourceType.API_LOG).sourceId(sourceId).stream(stream).sequence(seq)
                .eventType(HTTP_REQUEST_UNPARSED).occurredAt(ingestedAt).ingestedAt(ingestedAt)
                .subject("unparsed line " + lineNumber)
                .content(redactor.text(raw))
                .attribute("reason", reason)
                .attribute("format", format.name().toLowerCase(java.util.Locale.ROOT))
                .attribute("line", lineNumber);
        if (truncated) {
            b.attribute("truncated", "true").attribute("line_bytes", lineBytes);
        }
        if (invalidUtf8) {
            b.attribute("invalid_utf8", "true");
        }
        return b.build();
    }

    private static String subject(final ParsedRequest r) {
        if (r.method != null && r.path != null && r.status != null) {
            // The usual line, in one concatenation (one string built, not two).
            return r.method + " " + r.path + " " + r.status;
        }
        String what = r.method != null ? r.method + " " + (r.path == null ? "" : r.path)
                : r.path != null ? r.path : r.request != null ? r.request : "request";
        return r.status == null ? what : what + " " + r.status;
    }

    /** Decodes a line as UTF-8, invalid sequences replaced by U+FFFD; see {@link #isInvalidUtf8}. */
    static String decode(final byte[] b, final int from, final int to) {
        return new String(b, from, to - from, StandardCharsets.UTF_8);
    }

    /**
     * True when the line held bytes that are not UTF-8. Checked only when the decoded text holds a replacement
     * character, so valid lines (nearly all) cost one intrinsic scan.
     */
    static boolean isInvalidUtf8(final String decoded, final byte[] b, final int from, final int to) {
        if (decoded.indexOf('\uFFFD') < 0) {
            return false;
        }
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(b, from, to - from));
            return false;
        } catch (CharacterCodingException e) {
            return true;
        }
    }
}
