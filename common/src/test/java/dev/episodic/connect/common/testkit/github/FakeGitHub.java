package dev.episodic.connect.common.testkit.github;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Deque;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A stateful fake of the GitHub REST API on loopback: an in-memory model of repositories ({@link FakeRepo}) that a
 * test changes between polls. It answers as GitHub does: {@code since}/{@code sort}/{@code direction} filters,
 * {@code page}/{@code per_page} pagination with {@code Link} headers, ETags and 304s (which do not count against
 * the quota), {@code X-RateLimit-*} headers backed by a real budget (403 once it is spent), {@code X-Poll-Interval}
 * on the events feed, the repository-wide issue-events timeline, renamed repositories (301 to the new name),
 * deleted ones (404), organisations that grow ({@code /orgs/{o}/repos}), and injected {@link FakeFault}s: 429 with
 * Retry-After, 5xx storms with or without Retry-After, malformed bodies, and stalls that outlast a read timeout.
 *
 * <p>Timestamps come from a model clock that starts thirty days before now and moves one second per change, so
 * every entity is older than the {@code Date} of any answer, as on GitHub. It depends on the JDK and Jackson only.
 */
public final class FakeGitHub implements AutoCloseable {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Pattern REPO = Pattern.compile("/repos/([^/]+)/([^/]+)(/.*)?");
    private static final Pattern OWNER_REPOS = Pattern.compile("/(orgs|users)/([^/]+)/repos");
    private static final Pattern REVIEWS = Pattern.compile("/pulls/(\\d+)/reviews");
    private static final Pattern PULL = Pattern.compile("/pulls/(\\d+)");

    static {
        // Without TCP_NODELAY the JDK server's separate header and body writes meet delayed ACKs: 40 ms a request.
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    private final HttpServer server;
    private final String url;
    private final String token;
    private final Map<String, FakeRepo> repos = new LinkedHashMap<>();
    private final Map<String, String> renamed = new LinkedHashMap<>();
    private final Deque<FakeFault> faults = new ArrayDeque<>();
    private final AtomicLong ids = new AtomicLong(1000);
    private final AtomicLong requestCount = new AtomicLong();
    private final AtomicLong notModifiedCount = new AtomicLong();
    private final List<FakeRequest> exchanges = new ArrayList<>();
    private Instant clock = Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(Duration.ofDays(30));
    private long quotaLimit = 5000;
    private long quotaUsed;
    private long quotaWindowSeconds = 3600;
    private long quotaResetEpoch = Instant.now().getEpochSecond() + 3600;
    private long pollIntervalSeconds = 1;
    private boolean freezeClock;

    private FakeGitHub(final String token) throws IOException {
        this.token = token;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.createContext("/", this::handle);
        server.start();
        url = "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Starts a fake that accepts only {@code Authorization: Bearer <token>} (any request when null). */
    public static FakeGitHub start(final String token) throws IOException {
        return new FakeGitHub(token);
    }

    public String url() {
        return url;
    }

    public synchronized FakeRepo createRepo(final String owner, final String name) {
        FakeRepo repo = new FakeRepo(this, nextId(), owner, name);
        repos.put(repo.fullName(), repo);
        return repo;
    }

    /** Renames the repository; requests to the old name are answered 301 with the new location. */
    public synchronized void rename(final FakeRepo repo, final String newName) {
        String old = repo.fullName();
        repos.remove(old);
        repo.name = newName;
        repos.put(repo.fullName(), repo);
        renamed.put(old, repo.fullName());
    }

    /** Deletes the repository: every request to it is answered 404. */
    public synchronized void delete(final FakeRepo repo) {
        repos.remove(repo.fullName());
    }

    /** While frozen, every change gets the same timestamp: ties on updated_at. */
    public synchronized void freezeClock(final boolean frozen) {
        this.freezeClock = frozen;
        if (!frozen) {
            tick();
        }
    }

    /** Sets the model clock; the next change is stamped a second later (or at it, while frozen). */
    public synchronized void setClock(final Instant at) {
        clock = at.truncatedTo(ChronoUnit.SECONDS);
    }

    /** The model clock: the timestamp of the latest change. */
    public synchronized Instant now() {
        return clock;
    }

    public synchronized void inject(final FakeFault fault) {
        faults.add(fault);
    }

    /** {@code times} answers of {@code status} to the next requests, whatever their path. */
    public void inject(final int times, final int status, final Map<String, String> headers, final String body) {
        for (int i = 0; i < times; i++) {
            inject(FakeFault.answer(status, headers, body));
        }
    }

    /** A quota of {@code limit} requests per window of {@code windowSeconds}, starting now. */
    public synchronized void setQuota(final long limit, final long windowSeconds) {
        quotaLimit = limit;
        quotaUsed = 0;
        quotaWindowSeconds = windowSeconds;
        quotaResetEpoch = Instant.now().getEpochSecond() + windowSeconds;
    }

    /** The {@code X-Poll-Interval} the events feed sends (1 s unless set). */
    public synchronized void setPollInterval(final long seconds) {
        pollIntervalSeconds = seconds;
    }

    public synchronized long quotaUsed() {
        return quotaUsed;
    }

    /** Requests received, whatever their answer. */
    public long requests() {
        return requestCount.get();
    }

    /** Requests answered 304. */
    public long notModified() {
        return notModifiedCount.get();
    }

    /** Every answered request, in order. */
    public synchronized List<FakeRequest> exchanges() {
        return new ArrayList<>(exchanges);
    }

    /** Paths and queries of every answered request, in order. */
    public synchronized List<String> requestLog() {
        return exchanges.stream().map(FakeRequest::pathAndQuery).toList();
    }

    /** Paths and queries of the answers that spent quota (all but 304), as GitHub would count them. */
    public synchronized List<String> quotaLog() {
        return exchanges.stream().filter(e -> !e.notModified()).map(FakeRequest::pathAndQuery).toList();
    }

    Instant tick() {
        synchronized (this) {
            if (!freezeClock) {
                clock = clock.plusSeconds(1);
            }
            return clock;
        }
    }

    long nextId() {
        return ids.incrementAndGet();
    }

    private void handle(final HttpExchange exchange) throws IOException {
        requestCount.incrementAndGet();
        String path = exchange.getRequestURI().getRawPath();
        String rawQuery = exchange.getRequestURI().getRawQuery();
        String pathAndQuery = path + (rawQuery == null ? "" : "?" + rawQuery);
        String inm = exchange.getRequestHeaders().getFirst("If-None-Match");
        FakeFault stall = null;
        synchronized (this) {
            FakeFault fault = faults.peek();
            if (fault != null && fault.isStall() && fault.matches().test(path)) {
                stall = faults.poll();
            }
        }
        if (stall != null) {
            try {
                Thread.sleep(stall.stallMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                exchange.close();
                return;
            }
        }
        synchronized (this) {
            if (token != null && !("Bearer " + token).equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
                send(exchange, pathAndQuery, inm, 401, Map.of(), "{\"message\":\"Bad credentials\"}", true);
                return;
            }
            FakeFault fault = faults.peek();
            if (fault != null && !fault.isStall() && fault.matches().test(path)) {
                faults.poll();
                send(exchange, pathAndQuery, inm, fault.status(), fault.headers(), fault.body(), fault.status() != 304);
                return;
            }
            if (Instant.now().getEpochSecond() >= quotaResetEpoch) {
                quotaUsed = 0;
                quotaResetEpoch = Instant.now().getEpochSecond() + quotaWindowSeconds;
            }
            if (quotaUsed >= quotaLimit) {
                send(exchange, pathAndQuery, inm, 403, Map.of(), "{\"message\":\"API rate limit exceeded\"}", false);
                return;
            }
            Map<String, String> query = query(rawQuery);
            Object answer = route(path, query);
            if (answer instanceof String location) {
                String q = rawQuery == null ? "" : "?" + rawQuery;
                send(exchange, pathAndQuery, inm, 301, Map.of("Location", url + location + q),
                        "{\"message\":\"Moved Permanently\"}", true);
                return;
            }
            if (answer == null) {
                send(exchange, pathAndQuery, inm, 404, Map.of(), "{\"message\":\"Not Found\"}", true);
                return;
            }
            Map<String, String> headers = new LinkedHashMap<>();
            JsonNode body = answer instanceof List<?> list ? page(list, path, query, headers) : (JsonNode) answer;
            String text = body.toString();
            String etag = "W/\"" + sha(text) + "\"";
            headers.put("ETag", etag);
            if (path.endsWith("/events") && !path.endsWith("/issues/events")) {
                headers.put("X-Poll-Interval", Long.toString(pollIntervalSeconds));
            }
            if (etag.equals(inm)) {
                notModifiedCount.incrementAndGet();
                send(exchange, pathAndQuery, inm, 304, headers, "", false);
                return;
            }
            send(exchange, pathAndQuery, inm, 200, headers, text, true);
        }
    }

    /** One page of a list, with GitHub's {@code Link: <…&page=N+1>; rel="next"} when more follow. */
    private ArrayNode page(final List<?> list, final String path, final Map<String, String> query,
                           final Map<String, String> headers) {
        int perPage = Math.min(100, Integer.parseInt(query.getOrDefault("per_page", "30")));
        int page = Integer.parseInt(query.getOrDefault("page", "1"));
        ArrayNode array = MAPPER.createArrayNode();
        int from = (page - 1) * perPage;
        for (int i = from; i < Math.min(list.size(), from + perPage); i++) {
            array.add((JsonNode) list.get(i));
        }
        if (from + perPage < list.size()) {
            Map<String, String> nextQuery = new LinkedHashMap<>(query);
            nextQuery.put("page", Integer.toString(page + 1));
            StringBuilder q = new StringBuilder();
            nextQuery.forEach((k, v) -> q.append(q.length() == 0 ? "?" : "&").append(k).append('=')
                    .append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
            headers.put("Link", "<" + url + path + q + ">; rel=\"next\"");
        }
        return array;
    }

    private Object route(final String path, final Map<String, String> q) {
        Matcher owner = OWNER_REPOS.matcher(path);
        if (owner.matches()) {
            List<JsonNode> list = new ArrayList<>();
            repos.values().stream().filter(r -> r.owner.equals(owner.group(2)))
                    .sorted(Comparator.comparing(FakeRepo::fullName))
                    .forEach(r -> list.add(repoJson(r)));
            return list.isEmpty() && "orgs".equals(owner.group(1)) ? null : list;
        }
        Matcher m = REPO.matcher(path);
        if (!m.matches()) {
            return null;
        }
        String fullName = m.group(1) + "/" + m.group(2);
        String rest = m.group(3) == null ? "" : m.group(3);
        FakeRepo repo = repos.get(fullName);
        if (repo == null) {
            String target = renamed.get(fullName);
            return target != null && repos.containsKey(target) ? "/repos/" + target + rest : null;
        }
        Instant since = q.containsKey("since") ? Instant.parse(q.get("since")) : null;
        boolean ascending = !"desc".equals(q.get("direction"));
        switch (rest) {
            case "":
                return repoJson(repo);
            case "/issues": {
                List<ObjectNode> all = new ArrayList<>(repo.issues);
                repo.pulls.forEach(pr -> all.add(repo.pullAsIssue(pr)));
                return sorted(all, since, "updated_at", ascending);
            }
            case "/issues/comments":
                return sorted(repo.issueComments, since, "updated_at", ascending);
            case "/issues/events": {
                List<JsonNode> newestFirst = new ArrayList<>();
                repo.timeline.forEach(e -> newestFirst.add(repo.render(e)));
                Collections.reverse(newestFirst);
                return newestFirst;
            }
            case "/pulls/comments":
                return sorted(repo.reviewComments, since, "updated_at", ascending);
            case "/pulls":
                return sorted(repo.pulls, null, "updated_at", "asc".equals(q.get("direction")));
            case "/releases":
                return sorted(repo.releases, null, "created_at", false);
            case "/events":
                return sorted(repo.events, null, "created_at", false);
            case "/commits":
                return commits(repo, q.getOrDefault("sha", "main"));
            default:
                Matcher reviews = REVIEWS.matcher(rest);
                if (reviews.matches()) {
                    return repo.reviews.get(Integer.parseInt(reviews.group(1)));
                }
                Matcher pull = PULL.matcher(rest);
                if (pull.matches()) {
                    int number = Integer.parseInt(pull.group(1));
                    return repo.pulls.stream().filter(p -> p.get("number").asInt() == number).findFirst()
                            .map(ObjectNode::deepCopy).orElse(null);
                }
                return null;
        }
    }

    private static List<ObjectNode> commits(final FakeRepo repo, final String sha) {
        List<ObjectNode> history = repo.commits.get(sha);
        if (history == null) {
            for (List<ObjectNode> branch : repo.commits.values()) {
                for (int i = 0; i < branch.size() && history == null; i++) {
                    if (branch.get(i).get("sha").asText().equals(sha)) {
                        history = branch.subList(0, i + 1);
                    }
                }
            }
        }
        if (history == null) {
            return null;
        }
        List<ObjectNode> newestFirst = new ArrayList<>(history);
        Collections.reverse(newestFirst);
        return newestFirst;
    }

    private static JsonNode repoJson(final FakeRepo r) {
        return MAPPER.createObjectNode().put("id", r.id).put("name", r.name).put("full_name", r.fullName())
                .put("default_branch", "main");
    }

    /** Stable sort by {@code field} (then id), with GitHub's inclusive {@code since}. */
    private static List<ObjectNode> sorted(final List<ObjectNode> items, final Instant since, final String field,
                                           final boolean ascending) {
        Comparator<ObjectNode> order = Comparator
                .<ObjectNode, Instant>comparing(n -> Instant.parse(n.get(field).asText()))
                .thenComparing(n -> n.get("id").asLong());
        List<ObjectNode> result = new ArrayList<>();
        for (ObjectNode n : items) {
            if (since == null || !Instant.parse(n.get(field).asText()).isBefore(since)) {
                result.add(n.deepCopy());
            }
        }
        result.sort(ascending ? order : order.reversed());
        return result;
    }

    private void send(final HttpExchange exchange, final String pathAndQuery, final String inm, final int status,
                      final Map<String, String> headers, final String body, final boolean counts) throws IOException {
        exchanges.add(new FakeRequest(pathAndQuery, inm, status, System.currentTimeMillis()));
        if (counts) {
            quotaUsed++;
        }
        exchange.getResponseHeaders().add("X-RateLimit-Limit", Long.toString(quotaLimit));
        exchange.getResponseHeaders().add("X-RateLimit-Remaining", Long.toString(Math.max(0, quotaLimit - quotaUsed)));
        exchange.getResponseHeaders().add("X-RateLimit-Reset", Long.toString(quotaResetEpoch));
        exchange.getResponseHeaders().add("X-RateLimit-Resource", "core");
        exchange.getResponseHeaders().add("Content-Type", "application/json; charset=utf-8");
        headers.forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        boolean noBody = status == 304 || bytes.length == 0;
        try {
            exchange.sendResponseHeaders(status, noBody ? -1 : bytes.length);
            if (!noBody) {
                try (OutputStream os = exchange.getResponseBody()) {
                    os.write(bytes);
                }
            }
        } catch (IOException e) {
            // The client gave up (its read timeout fired during a stall): the answer has nowhere to go.
        } finally {
            exchange.close();
        }
    }

    private static Map<String, String> query(final String raw) {
        Map<String, String> q = new LinkedHashMap<>();
        if (raw != null) {
            for (String pair : raw.split("&")) {
                int eq = pair.indexOf('=');
                if (eq > 0) {
                    q.put(pair.substring(0, eq), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
                }
            }
        }
        return q;
    }

    static String sha(final String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-1").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        ((ExecutorService) server.getExecutor()).shutdownNow();
    }
}
