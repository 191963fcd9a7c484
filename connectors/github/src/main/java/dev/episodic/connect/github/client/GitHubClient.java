package dev.episodic.connect.github.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.episodic.connect.common.metrics.TaskMetrics;
import dev.episodic.connect.common.task.RateLimitedException;
import dev.episodic.connect.common.task.RetryLaterException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

/**
 * The GitHub REST layer: GETs with the token, conditional requests, pagination links, redirects of renamed
 * repositories, and every limit GitHub has. It never sleeps: a limit, a 5xx, a timeout or a malformed body is
 * thrown as a {@link RetryLaterException} carrying the wait GitHub asked for, and the task loop waits
 * interruptibly. Faults that waiting cannot fix are {@link GitHubApiException}s naming the path and the fix.
 *
 * <p>Every request sent (each redirect hop too) is counted in the task's {@link TaskMetrics}, and every 304 as a
 * not-modified answer; rate-limit waits are thrown as {@link RateLimitedException}, which the task loop counts.
 *
 * <p>The token is sent only to the configured host: pagination and redirect URLs are followed by their path and
 * query alone, resolved against {@code github.api.url}, so a link to another host can never receive it.
 */
public final class GitHubClient {
    public static final String DEFAULT_API_URL = "https://api.github.com";
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final int MAX_REDIRECTS = 5;
    private static final Duration SECONDARY_DEFAULT_WAIT = Duration.ofSeconds(60);

    private final HttpClient http;
    private final URI base;
    private final String basePath;
    private final String token;
    private final RateBudget budget;
    private final long reserve;
    private final Duration timeout;
    private final Clock clock;
    private final TaskMetrics metrics;

    /** A client whose counts are kept in memory only (validation, repository resolution, tests). */
    public GitHubClient(final String apiUrl, final String token, final long reserve, final Duration timeout,
                        final Clock clock) {
        this(apiUrl, token, reserve, timeout, clock, TaskMetrics.unpublished(clock));
    }

    public GitHubClient(final String apiUrl, final String token, final long reserve, final Duration timeout,
                        final Clock clock, final TaskMetrics metrics) {
        this.metrics = metrics;
        String trimmed = apiUrl.endsWith("/") ? apiUrl.substring(0, apiUrl.length() - 1) : apiUrl;
        this.base = URI.create(trimmed);
        this.basePath = base.getRawPath() == null ? "" : base.getRawPath();
        this.token = token;
        this.budget = RateBudget.shared(trimmed, token);
        this.reserve = reserve;
        this.timeout = timeout;
        this.clock = clock;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /** GET of an API path ({@code /repos/o/r/issues?...}) or a pagination link, optionally conditional. */
    public GitHubResponse get(final String pathOrLink, final String ifNoneMatch) throws InterruptedException {
        String path = relativePath(pathOrLink);
        boolean redirected = false;
        for (int hop = 0; hop <= MAX_REDIRECTS; hop++) {
            budget.admit(clock.instant(), reserve);
            HttpResponse<byte[]> response = send(path, ifNoneMatch);
            HttpHeaders headers = response.headers();
            observeQuota(headers);
            int status = response.statusCode();
            if (status == 301 || status == 302 || status == 307 || status == 308) {
                Optional<String> location = headers.firstValue("Location");
                if (location.isEmpty()) {
                    throw new GitHubApiException(status, path, "GitHub answered " + status + " for GET " + path
                            + " without a Location header; check github.api.url");
                }
                path = relativePath(location.get());
                redirected = true;
                continue;
            }
            Instant date = headers.firstValue("Date").flatMap(RetryAfter::httpDate).orElse(null);
            if (status == 304) {
                metrics.notModified();
                return new GitHubResponse(304, null, headers.firstValue("ETag").orElse(ifNoneMatch), null,
                        pollInterval(headers), path, redirected, date);
            }
            if (status >= 200 && status < 300) {
                return new GitHubResponse(status, parse(path, response.body()), headers.firstValue("ETag").orElse(null),
                        LinkHeader.parse(headers.firstValue("Link").orElse(null)).next().orElse(null),
                        pollInterval(headers), path, redirected, date);
            }
            throw failure(path, status, headers, response.body());
        }
        throw new GitHubApiException(310, path, "GET " + pathOrLink + " was redirected more than " + MAX_REDIRECTS
                + " times; check github.api.url and the repository name");
    }

    /** Requests sent (every hop counts) and how many of them were answered 304, free of quota. */
    public long requestCount() {
        return metrics.sourceRequests();
    }

    public long notModifiedCount() {
        return metrics.notModifiedAnswers();
    }

    public RateBudget budget() {
        return budget;
    }

    /** The configured API URL, for messages: it never holds the token. */
    public String apiUrl() {
        return base.toString();
    }

    private HttpResponse<byte[]> send(final String path, final String ifNoneMatch) throws InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base.getScheme() + "://"
                        + base.getRawAuthority() + path))
                .timeout(timeout)
                .header("Accept", "application/vnd.github+json")
                .header("X-GitHub-Api-Version", "2022-11-28")
                .header("User-Agent", "episodic-connect")
                .GET();
        if (token != null && !token.isEmpty()) {
            request.header("Authorization", "Bearer " + token);
        }
        if (ifNoneMatch != null && !ifNoneMatch.isEmpty()) {
            request.header("If-None-Match", ifNoneMatch);
        }
        metrics.sourceRequest();
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new RetryLaterException("GitHub API " + base + " did not answer GET " + path + " ("
                    + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage())
                    + "); retrying with backoff. If it persists, check github.api.url and the network", e);
        }
    }

    private RuntimeException failure(final String path, final int status, final HttpHeaders headers,
                                     final byte[] rawBody) {
        String body = new String(rawBody, StandardCharsets.UTF_8);
        Instant now = clock.instant();
        if (status == 429 || status == 403) {
            Optional<Duration> limitWait = rateLimitWait(status, headers, body, now);
            if (limitWait.isPresent()) {
                budget.pauseUntil(now.plus(limitWait.get()));
                return new RateLimitedException("GitHub rate limit (" + status + ") on GET " + path + ": "
                        + message(body) + "; waiting " + limitWait.get().toSeconds() + " s", limitWait.get());
            }
        }
        if (status >= 500 || status == 408) {
            return new RetryLaterException("GitHub answered " + status + " for GET " + path
                    + "; retrying with backoff", headerRetryAfter(headers, now), null);
        }
        if (status == 401) {
            return new GitHubApiException(status, path, "GitHub rejected the token (401 " + message(body)
                    + ") on GET " + path + "; set github.token to a valid token (a fine-grained token with read "
                    + "access to the repositories, or a classic token with the repo scope)");
        }
        if (status == 403) {
            return new GitHubApiException(status, path, "GitHub refused GET " + path + " (403 " + message(body)
                    + "); give the token read access to this repository, or remove it from github.repositories");
        }
        if (status == 404 || status == 410) {
            return new GitHubApiException(status, path, "GitHub has no " + path + " for this token (" + status
                    + "); the repository was deleted, renamed away, or is private and the token cannot read it: "
                    + "fix github.repositories or the token's access");
        }
        return new GitHubApiException(status, path, "GitHub answered " + status + " for GET " + path + ": "
                + message(body));
    }

    /**
     * Primary limit: 403/429 with {@code X-RateLimit-Remaining: 0}, wait until the reset. Secondary limit: 429,
     * or 403 with {@code Retry-After}, {@code gh-limited-by} or GitHub's "secondary rate limit" text; wait for
     * Retry-After, else (as GitHub documents) at least a minute.
     */
    private static Optional<Duration> rateLimitWait(final int status, final HttpHeaders headers, final String body,
                                                    final Instant now) {
        Optional<Duration> retryAfter = RetryAfter.retryAfter(headers, now);
        if (retryAfter.isPresent()) {
            return retryAfter;
        }
        boolean exhausted = headers.firstValue("X-RateLimit-Remaining").map(String::trim).filter("0"::equals).isPresent();
        if (exhausted) {
            return Optional.of(RetryAfter.untilReset(headers, now).orElse(SECONDARY_DEFAULT_WAIT).plusSeconds(1));
        }
        boolean secondary = status == 429 || headers.firstValue("gh-limited-by").isPresent()
                || body.toLowerCase(Locale.ROOT).contains("secondary rate limit")
                || body.toLowerCase(Locale.ROOT).contains("abuse");
        return secondary ? Optional.of(SECONDARY_DEFAULT_WAIT) : Optional.empty();
    }

    private static Duration headerRetryAfter(final HttpHeaders headers, final Instant now) {
        return RetryAfter.retryAfter(headers, now).orElse(null);
    }

    private void observeQuota(final HttpHeaders headers) {
        Optional<Long> remaining = headers.firstValue("X-RateLimit-Remaining").flatMap(GitHubClient::number);
        Optional<Instant> reset = RetryAfter.resetAt(headers);
        if (remaining.isPresent() && reset.isPresent()) {
            long limit = headers.firstValue("X-RateLimit-Limit").flatMap(GitHubClient::number).orElse(-1L);
            // Only the core quota gates this connector; a search-quota answer must not throttle it.
            boolean core = headers.firstValue("X-RateLimit-Resource").map("core"::equals).orElse(true);
            if (core) {
                budget.observe(remaining.get(), limit, reset.get());
            }
        }
    }

    private static long pollInterval(final HttpHeaders headers) {
        return headers.firstValue("X-Poll-Interval").flatMap(GitHubClient::number).orElse(0L);
    }

    private static Optional<Long> number(final String value) {
        try {
            return Optional.of(Long.parseLong(value.trim()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private JsonNode parse(final String path, final byte[] body) {
        if (body.length == 0) {
            return MAPPER.missingNode();
        }
        try {
            return MAPPER.readTree(body);
        } catch (JsonProcessingException e) {
            String start = new String(body, 0, Math.min(body.length, 80), StandardCharsets.UTF_8).replaceAll("\\s+", " ");
            throw new RetryLaterException("GitHub answered GET " + path + " with a body that is not JSON (starts "
                    + "with '" + start + "'); nothing was read from it, retrying with backoff", e);
        } catch (IOException e) {
            throw new RetryLaterException("Cannot read GitHub's answer to GET " + path + ": " + e.getMessage(), e);
        }
    }

    private static String message(final String body) {
        try {
            JsonNode node = MAPPER.readTree(body);
            if (node != null && node.hasNonNull("message")) {
                return node.get("message").asText();
            }
        } catch (IOException e) {
            // Not JSON (an HTML error page): fall through to a short excerpt.
        }
        String flat = body.replaceAll("\\s+", " ").trim();
        return flat.length() > 120 ? flat.substring(0, 120) + "…" : flat;
    }

    /**
     * Path and query of a link, relative to the configured host. A GitHub link carries the public host (or the
     * Enterprise host with its {@code /api/v3} prefix); only its path and query are kept.
     */
    String relativePath(final String pathOrLink) {
        String path;
        if (pathOrLink.startsWith("http://") || pathOrLink.startsWith("https://")) {
            URI link = URI.create(pathOrLink);
            path = link.getRawPath() + (link.getRawQuery() == null ? "" : "?" + link.getRawQuery());
        } else {
            path = pathOrLink.startsWith("/") ? pathOrLink : "/" + pathOrLink;
        }
        if (!basePath.isEmpty() && !path.startsWith(basePath + "/")) {
            path = basePath + path;
        }
        return path;
    }
}
