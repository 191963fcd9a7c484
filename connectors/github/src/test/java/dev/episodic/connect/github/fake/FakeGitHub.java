package dev.episodic.connect.github.fake;

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
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A stateful fake of the GitHub REST API on loopback: an in-memory model of repositories that a test changes
 * between polls. It serves what the connector relies on as GitHub does: {@code since}/{@code sort}/{@code direction}
 * filters, page/per_page pagination with {@code Link} headers, ETags and 304s (which do not count against the
 * quota), {@code X-RateLimit-*} headers with a real budget, and injected faults (429 with Retry-After, 5xx storms,
 * malformed bodies), renames (301) and deleted repositories (404).
 */
public final class FakeGitHub implements AutoCloseable {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    static {
        // Without TCP_NODELAY the JDK server's separate header and body writes meet delayed ACKs: 40 ms a request.
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }
    private static final Pattern REPO = Pattern.compile("/repos/([^/]+)/([^/]+)(/.*)?");

    /** An injected answer, served instead of the model's for the next matching request. */
    public record Fault(int status, Map<String, String> headers, String body, Predicate<String> matches) {
    }

    public final class Repo {
        final long id;
        final String owner;
        String name;
        final List<ObjectNode> issues = new ArrayList<>();
        final List<ObjectNode> pulls = new ArrayList<>();
        final List<ObjectNode> issueComments = new ArrayList<>();
        final List<ObjectNode> reviewComments = new ArrayList<>();
        final Map<Integer, List<ObjectNode>> reviews = new LinkedHashMap<>();
        final List<ObjectNode> releases = new ArrayList<>();
        final List<ObjectNode> events = new ArrayList<>();
        final Map<String, List<ObjectNode>> commits = new LinkedHashMap<>();
        int nextNumber = 1;

        Repo(final long id, final String owner, final String name) {
            this.id = id;
            this.owner = owner;
            this.name = name;
            commits.put("main", new ArrayList<>());
        }

        public String fullName() {
            return owner + "/" + name;
        }

        public synchronized ObjectNode openIssue(final String title) {
            Instant at = tick();
            ObjectNode issue = entity(at);
            issue.put("number", nextNumber++).put("title", title).put("body", "body of " + title)
                    .put("state", "open").putNull("closed_at").putObject("user").put("login", "alice");
            issues.add(issue);
            return issue;
        }

        public synchronized void editIssue(final ObjectNode issue, final String title) {
            issue.put("title", title).put("updated_at", tick().toString());
        }

        public synchronized void closeIssue(final ObjectNode issue) {
            String at = tick().toString();
            issue.put("state", "closed").put("closed_at", at).put("updated_at", at);
        }

        public synchronized ObjectNode openPull(final String title) {
            Instant at = tick();
            ObjectNode pr = entity(at);
            int number = nextNumber++;
            pr.put("number", number).put("title", title).put("state", "open").putNull("closed_at").putNull("merged_at")
                    .putObject("user").put("login", "bob");
            pr.putObject("head").put("ref", "feature-" + number);
            pr.putObject("base").put("ref", "main");
            pulls.add(pr);
            reviews.put(number, new ArrayList<>());
            return pr;
        }

        public synchronized void mergePull(final ObjectNode pr) {
            String at = tick().toString();
            pr.put("state", "closed").put("closed_at", at).put("merged_at", at).put("updated_at", at);
        }

        public synchronized ObjectNode review(final ObjectNode pr, final String state) {
            Instant at = tick();
            ObjectNode review = MAPPER.createObjectNode().put("id", ids.incrementAndGet()).put("state", state)
                    .put("submitted_at", at.toString()).put("body", "looks " + state);
            review.putObject("user").put("login", "carol");
            reviews.get(pr.get("number").asInt()).add(review);
            pr.put("updated_at", at.toString());
            return review;
        }

        public synchronized ObjectNode comment(final ObjectNode issue, final String body) {
            Instant at = tick();
            ObjectNode c = entity(at).put("body", body)
                    .put("issue_url", url + "/repos/" + fullName() + "/issues/" + issue.get("number").asInt());
            c.putObject("user").put("login", "dave");
            issueComments.add(c);
            return c;
        }

        public synchronized void editComment(final ObjectNode comment, final String body) {
            comment.put("body", body).put("updated_at", tick().toString());
        }

        public synchronized ObjectNode reviewComment(final ObjectNode pr, final String body) {
            ObjectNode c = entity(tick()).put("body", body).put("path", "src/Main.java")
                    .put("pull_request_url", url + "/repos/" + fullName() + "/pulls/" + pr.get("number").asInt());
            reviewComments.add(c);
            return c;
        }

        public synchronized ObjectNode release(final String tag) {
            Instant at = tick();
            ObjectNode r = MAPPER.createObjectNode().put("id", ids.incrementAndGet()).put("tag_name", tag)
                    .put("name", "Release " + tag).put("draft", false).put("created_at", at.toString())
                    .put("published_at", at.toString());
            releases.add(r);
            return r;
        }

        public synchronized ObjectNode event(final String type) {
            ObjectNode e = MAPPER.createObjectNode().put("id", Long.toString(ids.incrementAndGet())).put("type", type)
                    .put("created_at", tick().toString());
            e.putObject("actor").put("login", "erin");
            e.putObject("payload").put("ref", "main");
            events.add(e);
            return e;
        }

        /** A new commit on {@code branch} whose parent is the branch head. */
        public synchronized ObjectNode commit(final String branch, final String message) {
            List<ObjectNode> history = commits.computeIfAbsent(branch, b -> new ArrayList<>());
            Instant at = tick();
            String sha = sha(fullName() + branch + message + ids.incrementAndGet());
            ObjectNode c = MAPPER.createObjectNode().put("sha", sha);
            ObjectNode inner = c.putObject("commit").put("message", message);
            inner.putObject("author").put("name", "Frank").put("email", "frank@example.com").put("date", at.toString());
            inner.putObject("committer").put("name", "Frank").put("email", "frank@example.com").put("date", at.toString());
            ArrayNode parents = c.putArray("parents");
            if (!history.isEmpty()) {
                parents.addObject().put("sha", history.get(history.size() - 1).get("sha").asText());
            }
            history.add(c);
            return c;
        }

        public synchronized int issueCount() {
            return issues.size();
        }
    }

    private final HttpServer server;
    private final String url;
    private final String token;
    private final Map<String, Repo> repos = new LinkedHashMap<>();
    private final Map<String, String> renamed = new LinkedHashMap<>();
    private final Deque<Fault> faults = new ArrayDeque<>();
    private final AtomicLong ids = new AtomicLong(1000);
    private final AtomicLong requests = new AtomicLong();
    private final AtomicLong notModified = new AtomicLong();
    private final List<String> log = new ArrayList<>();
    private final List<Integer> statuses = new ArrayList<>();
    private Instant clock = Instant.parse("2024-01-01T00:00:00Z");
    private long quotaLimit = 5000;
    private long quotaUsed;
    private long quotaWindowSeconds = 3600;
    private long quotaResetEpoch = Instant.now().getEpochSecond() + 3600;
    private boolean freezeClock;

    private FakeGitHub(final String token) throws IOException {
        this.token = token;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.createContext("/", this::handle);
        server.start();
        url = "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public static FakeGitHub start(final String token) throws IOException {
        return new FakeGitHub(token);
    }

    public String url() {
        return url;
    }

    public synchronized Repo createRepo(final String owner, final String name) {
        Repo repo = new Repo(ids.incrementAndGet(), owner, name);
        repos.put(repo.fullName(), repo);
        return repo;
    }

    public synchronized void rename(final Repo repo, final String newName) {
        String old = repo.fullName();
        repos.remove(old);
        repo.name = newName;
        repos.put(repo.fullName(), repo);
        renamed.put(old, repo.fullName());
    }

    public synchronized void delete(final Repo repo) {
        repos.remove(repo.fullName());
    }

    /** While frozen, every change gets the same timestamp: ties on updated_at. */
    public synchronized void freezeClock(final boolean frozen) {
        this.freezeClock = frozen;
        if (!frozen) {
            tick();
        }
    }

    public synchronized void inject(final Fault fault) {
        faults.add(fault);
    }

    public void inject(final int times, final int status, final Map<String, String> headers, final String body) {
        for (int i = 0; i < times; i++) {
            inject(new Fault(status, headers, body, p -> true));
        }
    }

    /** A quota of {@code limit} requests per window of {@code windowSeconds}, starting now. */
    public synchronized void setQuota(final long limit, final long windowSeconds) {
        quotaLimit = limit;
        quotaUsed = 0;
        quotaWindowSeconds = windowSeconds;
        quotaResetEpoch = Instant.now().getEpochSecond() + windowSeconds;
    }

    public synchronized long quotaUsed() {
        return quotaUsed;
    }

    public long requests() {
        return requests.get();
    }

    public long notModified() {
        return notModified.get();
    }

    public synchronized List<String> requestLog() {
        return new ArrayList<>(log);
    }

    /** The request log of answers that spent quota (not 304), as GitHub would count them. */
    public synchronized List<String> quotaLog() {
        List<String> result = new ArrayList<>();
        for (int i = 0; i < Math.min(log.size(), statuses.size()); i++) {
            if (statuses.get(i) != 304) {
                result.add(log.get(i));
            }
        }
        return result;
    }

    private Instant tick() {
        synchronized (this) {
            if (!freezeClock) {
                clock = clock.plusSeconds(1);
            }
            return clock;
        }
    }

    private ObjectNode entity(final Instant at) {
        return MAPPER.createObjectNode().put("id", ids.incrementAndGet()).put("created_at", at.toString())
                .put("updated_at", at.toString());
    }

    private void handle(final HttpExchange exchange) throws IOException {
        requests.incrementAndGet();
        String path = exchange.getRequestURI().getRawPath();
        String rawQuery = exchange.getRequestURI().getRawQuery();
        Map<String, String> query = query(rawQuery);
        synchronized (this) {
            log.add(path + (rawQuery == null ? "" : "?" + rawQuery));
            if (token != null && !("Bearer " + token).equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
                send(exchange, 401, Map.of(), "{\"message\":\"Bad credentials\"}", true);
                return;
            }
            Fault fault = faults.isEmpty() ? null : faults.peek();
            if (fault != null && fault.matches().test(path)) {
                faults.poll();
                send(exchange, fault.status(), fault.headers(), fault.body(), fault.status() != 304);
                return;
            }
            if (Instant.now().getEpochSecond() >= quotaResetEpoch) {
                quotaUsed = 0;
                quotaResetEpoch = Instant.now().getEpochSecond() + quotaWindowSeconds;
            }
            if (quotaUsed >= quotaLimit) {
                send(exchange, 403, Map.of(), "{\"message\":\"API rate limit exceeded\"}", false);
                return;
            }
            Object answer = route(path, query);
            if (answer instanceof String location) {
                String q = rawQuery == null ? "" : "?" + rawQuery;
                send(exchange, 301, Map.of("Location", url + location + q), "{\"message\":\"Moved Permanently\"}", true);
                return;
            }
            if (answer == null) {
                send(exchange, 404, Map.of(), "{\"message\":\"Not Found\"}", true);
                return;
            }
            JsonNode body;
            String next = null;
            if (answer instanceof List<?> list) {
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
                            .append(java.net.URLEncoder.encode(v, StandardCharsets.UTF_8)));
                    next = "<" + url + path + q + ">; rel=\"next\"";
                }
                body = array;
            } else {
                body = (JsonNode) answer;
            }
            String text = body.toString();
            String etag = "W/\"" + sha(text) + "\"";
            String inm = exchange.getRequestHeaders().getFirst("If-None-Match");
            Map<String, String> headers = new LinkedHashMap<>();
            headers.put("ETag", etag);
            if (next != null) {
                headers.put("Link", next);
            }
            if (path.endsWith("/events")) {
                headers.put("X-Poll-Interval", "1");
            }
            if (etag.equals(inm)) {
                notModified.incrementAndGet();
                send(exchange, 304, headers, "", false);
                return;
            }
            send(exchange, 200, headers, text, true);
        }
    }

    private Object route(final String path, final Map<String, String> q) {
        Matcher owner = Pattern.compile("/(orgs|users)/([^/]+)/repos").matcher(path);
        if (owner.matches()) {
            List<JsonNode> list = new ArrayList<>();
            repos.values().stream().filter(r -> r.owner.equals(owner.group(2)))
                    .sorted(Comparator.comparing(Repo::fullName))
                    .forEach(r -> list.add(repoJson(r)));
            return list.isEmpty() && "orgs".equals(owner.group(1)) ? null : list;
        }
        Matcher m = REPO.matcher(path);
        if (!m.matches()) {
            return null;
        }
        String fullName = m.group(1) + "/" + m.group(2);
        String rest = m.group(3) == null ? "" : m.group(3);
        Repo repo = repos.get(fullName);
        if (repo == null) {
            String target = renamed.get(fullName);
            return target != null && repos.containsKey(target) ? "/repos/" + target + rest : null;
        }
        Instant since = q.containsKey("since") ? Instant.parse(q.get("since")) : null;
        switch (rest) {
            case "":
                return repoJson(repo);
            case "/issues": {
                List<ObjectNode> all = new ArrayList<>(repo.issues);
                for (ObjectNode pr : repo.pulls) {
                    ObjectNode asIssue = pr.deepCopy();
                    asIssue.putObject("pull_request").put("url", url + "/repos/" + fullName + "/pulls/" + pr.get("number"));
                    all.add(asIssue);
                }
                return sorted(all, since, "updated_at", !"desc".equals(q.get("direction")));
            }
            case "/issues/comments":
                return sorted(repo.issueComments, since, "updated_at", !"desc".equals(q.get("direction")));
            case "/pulls/comments":
                return sorted(repo.reviewComments, since, "updated_at", !"desc".equals(q.get("direction")));
            case "/pulls":
                return sorted(repo.pulls, null, "updated_at", "asc".equals(q.get("direction")));
            case "/releases":
                return sorted(repo.releases, null, "created_at", false);
            case "/events":
                return sorted(repo.events, null, "created_at", false);
            case "/commits": {
                String sha = q.getOrDefault("sha", "main");
                List<ObjectNode> history = repo.commits.get(sha);
                if (history == null) {
                    history = historyFrom(repo, sha);
                }
                if (history == null) {
                    return null;
                }
                List<ObjectNode> newestFirst = new ArrayList<>(history);
                java.util.Collections.reverse(newestFirst);
                return newestFirst;
            }
            default:
                Matcher reviews = Pattern.compile("/pulls/(\\d+)/reviews").matcher(rest);
                if (reviews.matches()) {
                    return repo.reviews.get(Integer.parseInt(reviews.group(1)));
                }
                return null;
        }
    }

    private static List<ObjectNode> historyFrom(final Repo repo, final String sha) {
        for (List<ObjectNode> history : repo.commits.values()) {
            for (int i = 0; i < history.size(); i++) {
                if (history.get(i).get("sha").asText().equals(sha)) {
                    return history.subList(0, i + 1);
                }
            }
        }
        return null;
    }

    private JsonNode repoJson(final Repo r) {
        return MAPPER.createObjectNode().put("id", r.id).put("name", r.name).put("full_name", r.fullName())
                .put("default_branch", "main");
    }

    /** Stable sort by {@code field} (then id), with GitHub's inclusive {@code since}. */
    private static List<ObjectNode> sorted(final List<ObjectNode> items, final Instant since, final String field,
                                           final boolean ascending) {
        Comparator<ObjectNode> order = Comparator.<ObjectNode, Instant>comparing(n -> Instant.parse(n.get(field).asText()))
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

    private void send(final HttpExchange exchange, final int status, final Map<String, String> headers,
                      final String body, final boolean counts) throws IOException {
        statuses.add(status);
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
        exchange.sendResponseHeaders(status, noBody ? -1 : bytes.length);
        if (!noBody) {
            try (OutputStream os = exchange.getResponseBody()) {
                os.write(bytes);
            }
        }
        exchange.close();
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

    private static String sha(final String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    }
}
