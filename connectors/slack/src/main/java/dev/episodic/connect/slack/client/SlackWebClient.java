package dev.episodic.connect.slack.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.episodic.connect.common.metrics.TaskMetrics;
import dev.episodic.connect.common.task.RateLimitedException;
import dev.episodic.connect.common.task.RetryLaterException;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.apache.kafka.common.config.types.Password;

/**
 * A small client of the Slack Web API over {@code java.net.http}: form-encoded POSTs with the token in the
 * {@code Authorization} header, a per-method request budget, and every failure turned into either a
 * {@link RetryLaterException} (5xx, timeouts, bodies that are not Slack's JSON; a {@link RateLimitedException} with
 * Slack's Retry-After for 429 and {@code ratelimited}) or a {@link SlackApiException} that names the cause and the
 * fix. Every request sent is counted in the task's {@link TaskMetrics}. The token never appears in a message this
 * class builds.
 */
public final class SlackWebClient {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final int SNIPPET = 120;

    private final String baseUrl;
    private final Password token;
    private final RequestBudget budget;
    private final Duration timeout;
    private final HttpClient http;
    private final TaskMetrics metrics;
    private final AtomicLong calls = new AtomicLong();

    /** A client whose requests are counted nowhere but in {@link #calls()} (validation, tests). */
    public SlackWebClient(final String apiUrl, final Password token, final RequestBudget budget,
                          final Duration timeout) {
        this(apiUrl, token, budget, timeout, TaskMetrics.unpublished(Clock.systemUTC()));
    }

    public SlackWebClient(final String apiUrl, final Password token, final RequestBudget budget,
                          final Duration timeout, final TaskMetrics metrics) {
        this.baseUrl = apiUrl.endsWith("/") ? apiUrl : apiUrl + "/";
        this.token = token;
        this.budget = budget;
        this.timeout = timeout;
        this.metrics = metrics;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
    }

    /** Requests sent so far (including refused and failed ones); for metrics and benchmarks. */
    public long calls() {
        return calls.get();
    }

    /**
     * Calls {@code method} and returns its body when {@code ok:true}. {@code channel} names the channel in
     * messages when the call is about one.
     */
    public JsonNode call(final String method, final Map<String, String> params, final String channel)
            throws InterruptedException {
        budget.acquire(method);
        calls.incrementAndGet();
        metrics.sourceRequest();
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + method))
                .timeout(timeout)
                .header("Authorization", "Bearer " + token.value())
                .header("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(form(params)))
                .build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (HttpTimeoutException e) {
            throw new RetryLaterException("Slack " + method + " timed out after " + timeout.toMillis() + " ms", e);
        } catch (IOException e) {
            throw new RetryLaterException("Slack " + method + " could not be reached at " + baseUrl + ": "
                    + redact(String.valueOf(e.getMessage())), e);
        }
        Duration retryAfter = RetryAfter.parse(response.headers().firstValue("Retry-After").orElse(null));
        int status = response.statusCode();
        if (status == 429) {
            throw new RateLimitedException("Slack rate-limited " + method + " (HTTP 429); waiting "
                    + (retryAfter == null ? "with backoff" : retryAfter.toSeconds() + " s as Retry-After asks"),
                    retryAfter);
        }
        if (status >= 500) {
            throw new RetryLaterException("Slack " + method + " answered HTTP " + status + "; retrying with backoff",
                    retryAfter, null);
        }
        JsonNode body = parse(method, status, response.body());
        if (!body.path("ok").asBoolean(false)) {
            throw SlackErrors.toException(method, body, channel, retryAfter);
        }
        return body;
    }

    /** One page of a cursor-paginated method; {@code cursor} is null for the first page. */
    public Page page(final String method, final Map<String, String> params, final String arrayField,
                     final String cursor, final String channel) throws InterruptedException {
        Map<String, String> all = new LinkedHashMap<>(params);
        if (cursor != null && !cursor.isEmpty()) {
            all.put("cursor", cursor);
        }
        JsonNode body = call(method, all, channel);
        JsonNode array = body.path(arrayField);
        if (!array.isArray()) {
            throw new RetryLaterException("Slack " + method + " answered ok:true without the '" + arrayField
                    + "' list; treating the answer as malformed and retrying");
        }
        List<JsonNode> items = new ArrayList<>(array.size());
        array.forEach(items::add);
        String next = body.path("response_metadata").path("next_cursor").asText("");
        return new Page(items, next.isEmpty() ? null : next, body);
    }

    private JsonNode parse(final String method, final int status, final String text) {
        try {
            JsonNode body = MAPPER.readTree(text);
            if (body == null || !body.isObject()) {
                throw malformed(method, status, text, null);
            }
            return body;
        } catch (JsonProcessingException e) {
            throw malformed(method, status, text, e);
        }
    }

    private RetryLaterException malformed(final String method, final int status, final String text,
                                          final Exception cause) {
        String snippet = text == null ? "" : text.substring(0, Math.min(SNIPPET, text.length()));
        return new RetryLaterException("Slack " + method + " answered HTTP " + status + " with a body that is not "
                + "Slack JSON (starts with: " + redact(snippet) + "); a proxy or outage is likely, retrying", cause);
    }

    /** Removes the token from text that may echo request data (a proxy's error page, an exception message). */
    String redact(final String text) {
        String secret = token.value();
        return secret == null || secret.isEmpty() ? text : text.replace(secret, "[hidden]");
    }

    private static String form(final Map<String, String> params) {
        return params.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }
}
