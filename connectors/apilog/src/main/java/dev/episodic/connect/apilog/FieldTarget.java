package dev.episodic.connect.apilog;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The event fields a JSON log line can feed, with the names tried when the user maps nothing. */
public enum FieldTarget {
    METHOD("method", "request_method", "req.method", "http.method", "request.method", "httpRequest.requestMethod"),
    PATH("path", "url", "uri", "request_uri", "req.url", "req.path", "http.url", "http.path", "request.url",
            "request.path", "httpRequest.requestUrl"),
    QUERY("query", "query_string", "querystring", "req.query"),
    STATUS("status", "status_code", "statusCode", "res.statusCode", "res.status", "http.status_code",
            "response.status", "httpRequest.status"),
    BYTES("bytes", "bytes_sent", "body_bytes_sent", "response_size", "size", "res.bytes", "http.response_size"),
    LATENCY_MS("latency_ms", "duration_ms", "duration", "latency", "response_time", "responseTime", "elapsed_ms",
            "elapsed", "request_time_ms"),
    TIME("time", "timestamp", "ts", "@timestamp", "date", "datetime"),
    REQUEST_ID("request_id", "requestId", "req_id", "reqId", "req.id", "x_request_id", "trace_id", "traceId"),
    USER("user", "user_id", "userId", "username", "remote_user", "req.user", "auth.user"),
    SESSION("session", "session_id", "sessionId"),
    CLIENT_IP("client_ip", "clientIp", "remote_addr", "remote_ip", "ip", "req.remoteAddress", "http.client_ip"),
    USER_AGENT("user_agent", "userAgent", "http_user_agent", "ua", "req.headers.user-agent", "http.user_agent"),
    REFERER("referer", "referrer", "http_referer", "req.headers.referer", "http.referer");

    private final List<String> defaults;

    FieldTarget(final String... defaults) {
        this.defaults = List.of(defaults);
    }

    /** The JSON paths tried, in order, when the mapping does not name this target. */
    public List<String> defaults() {
        return defaults;
    }

    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<FieldTarget> of(final String key) {
        return Arrays.stream(values()).filter(t -> t.key().equals(key)).findFirst();
    }

    public static List<String> names() {
        return Arrays.stream(values()).map(FieldTarget::key).toList();
    }
}
