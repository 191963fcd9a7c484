package dev.episodic.connect.common.testkit.slack;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A stateful fake of the Slack Web API methods a reader uses ({@code auth.test}, {@code users.info},
 * {@code conversations.list|info|history|replies}, {@code users.conversations}) on a local HTTP server. Tests change
 * its channels between polls (post, reply, edit, delete, react) and script faults (429 with Retry-After,
 * {@code ratelimited}, 5xx, malformed bodies).
 *
 * <p>As Slack does: history is newest first within {@code oldest}/{@code latest} (both exclusive unless
 * {@code inclusive}), paginated with {@code has_more} and an opaque {@code response_metadata.next_cursor}; parents
 * carry {@code reply_count}/{@code latest_reply}; replies are oldest first with the parent as the first message;
 * deleting a parent that has replies leaves a {@code tombstone}; deleting a reply removes it. Depends on the JDK and
 * Jackson only.
 */
public final class FakeSlack implements AutoCloseable {
    public static final String TOKEN = "xoxb-fake-SECRET-0123456789";
    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** A scripted failure for the next call of one method. */
    public enum Fault { HTTP_429, RATELIMITED, HTTP_500, MALFORMED, ECHO_TOKEN_500 }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(4);
    private final Map<String, FakeChannel> channels = new LinkedHashMap<>();
    private final Map<String, String> userNames = new HashMap<>();
    private final Map<String, Deque<Fault>> faults = new HashMap<>();
    private final Map<String, AtomicLong> calls = new ConcurrentHashMap<>();
    private final List<String> authHeaders = new ArrayList<>();
    private final List<Map.Entry<String, Map<String, String>>> requests = new ArrayList<>();
    private long nextMicros;
    private int retryAfterSeconds = 1;

    /** A fake whose first message gets {@code firstTs}; later ones are one microsecond apart. */
    public FakeSlack(final Instant firstTs) throws IOException {
        this.nextMicros = FakeTs.of(firstTs).toMicros();
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/api/", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    /** Base URL of the methods, as {@code slack.api.url} takes it. */
    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/api/";
    }

    // ---- test-side changes ----

    public synchronized FakeChannel channel(final String id, final String name) {
        return channels.computeIfAbsent(id, k -> new FakeChannel(id, name));
    }

    public synchronized void user(final String id, final String displayName) {
        userNames.put(id, displayName);
    }

    /** The next timestamp: strictly increasing, one microsecond apart unless {@link #skip} moves it. */
    public synchronized FakeTs nextTs() {
        return FakeTs.ofMicros(nextMicros++);
    }

    /** Moves the clock of the next timestamps by {@code micros}. */
    public synchronized void skip(final long micros) {
        nextMicros += micros;
    }

    /** Moves the next timestamps to {@code instant} (only forward). */
    public synchronized void jumpTo(final Instant instant) {
        nextMicros = Math.max(nextMicros, FakeTs.of(instant).toMicros());
    }

    public synchronized FakeTs post(final String channel, final String user, final String text) {
        return postAt(channel, nextTs(), user, text);
    }

    /** Posts with a chosen ts (e.g. two messages in the same second). */
    public synchronized FakeTs postAt(final String channel, final FakeTs ts, final String user, final String text) {
        channelOf(channel).messages.put(ts, new FakeMessage(ts, null, user, text));
        return ts;
    }

    public synchronized FakeTs reply(final String channel, final FakeTs parent, final String user, final String text) {
        FakeTs ts = nextTs();
        FakeChannel c = channelOf(channel);
        if (!c.messages.containsKey(parent)) {
            throw new IllegalArgumentException("no parent " + parent + " in " + channel);
        }
        c.replies.computeIfAbsent(parent, p -> new TreeMap<>()).put(ts, new FakeMessage(ts, parent, user, text));
        return ts;
    }

    /** A reply also sent to the channel: it shows in history ({@code thread_broadcast}) and in its thread. */
    public synchronized FakeTs broadcastReply(final String channel, final FakeTs parent, final String user,
                                              final String text) {
        FakeTs ts = reply(channel, parent, user, text);
        FakeMessage m = find(channel, ts);
        m.broadcast = true;
        channelOf(channel).messages.put(ts, m);
        return ts;
    }

    /** Edits a message or reply: new text, {@code edited.ts} = the next timestamp. Returns the edit's ts. */
    public synchronized FakeTs edit(final String channel, final FakeTs ts, final String text) {
        FakeMessage m = find(channel, ts);
        m.text = text;
        m.editedTs = nextTs();
        return m.editedTs;
    }

    /**
     * Deletes a message or reply. A parent with replies stays as a {@code tombstone} (as Slack shows it); anything
     * else disappears.
     */
    public synchronized void delete(final String channel, final FakeTs ts) {
        FakeChannel c = channelOf(channel);
        FakeMessage top = c.messages.get(ts);
        if (top != null && top.threadTs == null) {
            NavigableMap<FakeTs, FakeMessage> thread = c.thread(ts);
            if (thread != null && !thread.isEmpty()) {
                top.tombstone = true;
            } else {
                c.messages.remove(ts);
            }
            return;
        }
        FakeMessage reply = find(channel, ts);
        c.thread(reply.threadTs).remove(ts);
        c.messages.remove(ts);
    }

    /** Removes a parent and its whole thread: {@code conversations.replies} then answers {@code thread_not_found}. */
    public synchronized void purgeThread(final String channel, final FakeTs parent) {
        FakeChannel c = channelOf(channel);
        NavigableMap<FakeTs, FakeMessage> thread = c.replies.remove(parent);
        if (thread != null) {
            thread.keySet().forEach(c.messages::remove);
        }
        c.messages.remove(parent);
    }

    public synchronized void react(final String channel, final FakeTs ts, final String name, final String user) {
        find(channel, ts).react(name, user);
    }

    public synchronized void unreact(final String channel, final FakeTs ts, final String name, final String user) {
        find(channel, ts).unreact(name, user);
    }

    public synchronized void failNext(final String method, final Fault fault) {
        faults.computeIfAbsent(method, k -> new ArrayDeque<>()).add(fault);
    }

    /** The {@code Retry-After} seconds sent with 429 and {@code ratelimited}. */
    public synchronized void retryAfterSeconds(final int seconds) {
        this.retryAfterSeconds = seconds;
    }

    /** Requests of {@code method} received so far (faults and refusals included). */
    public long calls(final String method) {
        AtomicLong n = calls.get(method);
        return n == null ? 0 : n.get();
    }

    /** Requests of {@code method} about {@code channel} received so far. */
    public long calls(final String method, final String channel) {
        AtomicLong n = calls.get(method + "|" + channel);
        return n == null ? 0 : n.get();
    }

    /** Requests received so far, all methods. */
    public long totalCalls() {
        return calls.entrySet().stream().filter(e -> !e.getKey().contains("|")).mapToLong(e -> e.getValue().get())
                .sum();
    }

    /** The form parameters of every request of {@code method} received so far, in order. */
    public synchronized List<Map<String, String>> requests(final String method) {
        List<Map<String, String>> out = new ArrayList<>();
        for (Map.Entry<String, Map<String, String>> r : requests) {
            if (r.getKey().equals(method)) {
                out.add(r.getValue());
            }
        }
        return out;
    }

    /** Every {@code Authorization} header received, in order. */
    public synchronized List<String> authHeaders() {
        return new ArrayList<>(authHeaders);
    }

    private FakeChannel channelOf(final String id) {
        FakeChannel c = channels.get(id);
        if (c == null) {
            throw new IllegalArgumentException("no channel " + id + "; create it with channel(id, name) first");
        }
        return c;
    }

    private FakeMessage find(final String channel, final FakeTs ts) {
        FakeChannel c = channelOf(channel);
        FakeMessage m = c.messages.get(ts);
        if (m != null) {
            return m;
        }
        for (NavigableMap<FakeTs, FakeMessage> thread : c.replies.values()) {
            if (thread.containsKey(ts)) {
                return thread.get(ts);
            }
        }
        throw new IllegalArgumentException("no message " + ts + " in " + channel);
    }

    // ---- HTTP side ----

    private void handle(final HttpExchange exchange) throws IOException {
        try (exchange) {
            String method = exchange.getRequestURI().getPath().substring("/api/".length());
            Map<String, String> params = parseForm(new String(exchange.getRequestBody().readAllBytes(),
                    StandardCharsets.UTF_8));
            calls.computeIfAbsent(method, k -> new AtomicLong()).incrementAndGet();
            if (params.containsKey("channel")) {
                calls.computeIfAbsent(method + "|" + params.get("channel"), k -> new AtomicLong()).incrementAndGet();
            }
            String auth = exchange.getRequestHeaders().getFirst("Authorization");
            Fault fault;
            synchronized (this) {
                authHeaders.add(auth);
                requests.add(Map.entry(method, Map.copyOf(params)));
                Deque<Fault> queue = faults.get(method);
                fault = queue == null ? null : queue.pollFirst();
            }
            if (fault != null) {
                answerFault(exchange, fault);
                return;
            }
            ObjectNode body;
            synchronized (this) {
                body = ("Bearer " + TOKEN).equals(auth) ? dispatch(method, params) : error("invalid_auth");
            }
            send(exchange, 200, body.toString());
        }
    }

    private void answerFault(final HttpExchange exchange, final Fault fault) throws IOException {
        switch (fault) {
            case HTTP_429:
                exchange.getResponseHeaders().add("Retry-After", Integer.toString(retryAfterSeconds));
                send(exchange, 429, "");
                break;
            case RATELIMITED:
                exchange.getResponseHeaders().add("Retry-After", Integer.toString(retryAfterSeconds));
                send(exchange, 200, error("ratelimited").toString());
                break;
            case HTTP_500:
                send(exchange, 503, "<html>upstream unavailable</html>");
                break;
            case MALFORMED:
                send(exchange, 200, "{\"ok\":true,\"messages\":[{\"ts\":");
                break;
            case ECHO_TOKEN_500:
                send(exchange, 200, "<html>bad request from token " + TOKEN + "</html>");
                break;
            default:
                throw new IllegalStateException(fault.name());
        }
    }

    private ObjectNode dispatch(final String method, final Map<String, String> p) {
        switch (method) {
            case "auth.test": {
                ObjectNode ok = ok();
                ok.put("team_id", "T00FAKE").put("user_id", "UBOT").put("bot_id", "BBOT");
                return ok;
            }
            case "users.info":
                return userInfo(p.get("user"));
            case "conversations.list":
            case "users.conversations":
                return listChannels(method.equals("users.conversations"));
            case "conversations.info": {
                FakeChannel c = channels.get(p.get("channel"));
                if (c == null) {
                    return error("channel_not_found");
                }
                ObjectNode ok = ok();
                ok.putObject("channel").put("id", c.id).put("name", c.name);
                return ok;
            }
            case "conversations.history":
                return history(p);
            case "conversations.replies":
                return replies(p);
            default:
                return error("unknown_method");
        }
    }

    private ObjectNode userInfo(final String id) {
        String name = userNames.get(id);
        if (name == null) {
            return error("user_not_found");
        }
        ObjectNode ok = ok();
        ObjectNode user = ok.putObject("user");
        user.put("id", id).put("name", name.toLowerCase(Locale.ROOT));
        user.putObject("profile").put("display_name", name);
        return ok;
    }

    private ObjectNode listChannels(final boolean membersOnly) {
        ObjectNode ok = ok();
        ArrayNode list = ok.putArray("channels");
        for (FakeChannel c : channels.values()) {
            if (!membersOnly || c.member) {
                list.addObject().put("id", c.id).put("name", c.name).put("is_member", c.member);
            }
        }
        ok.putObject("response_metadata").put("next_cursor", "");
        return ok;
    }

    private ObjectNode history(final Map<String, String> p) {
        FakeChannel c = channels.get(p.get("channel"));
        if (c == null) {
            return error("channel_not_found");
        }
        if (!c.member) {
            return error("not_in_channel");
        }
        boolean inclusive = isTrue(p.get("inclusive"));
        NavigableMap<FakeTs, FakeMessage> range = c.messages;
        if (p.containsKey("oldest")) {
            range = range.tailMap(FakeTs.parse(p.get("oldest")), inclusive);
        }
        if (p.containsKey("latest")) {
            range = range.headMap(FakeTs.parse(p.get("latest")), inclusive);
        }
        String cursor = p.get("cursor");
        if (cursor != null && !cursor.isEmpty()) {
            // This fake's cursor names the newest ts the next page may hold (exclusive upper bound).
            range = range.headMap(decodeCursor(cursor), false);
        }
        int limit = Integer.parseInt(p.getOrDefault("limit", "100"));
        ObjectNode ok = ok();
        ArrayNode messages = ok.putArray("messages");
        FakeTs last = null;
        for (FakeMessage m : range.descendingMap().values()) {
            if (messages.size() == limit) {
                break;
            }
            messages.add(m.toJson(c.thread(m.ts)));
            last = m.ts;
        }
        boolean more = last != null && !range.headMap(last, false).isEmpty();
        ok.put("has_more", more);
        ok.putObject("response_metadata").put("next_cursor", more ? encodeCursor(last) : "");
        return ok;
    }

    private ObjectNode replies(final Map<String, String> p) {
        FakeChannel c = channels.get(p.get("channel"));
        if (c == null) {
            return error("channel_not_found");
        }
        if (!c.member) {
            return error("not_in_channel");
        }
        FakeTs parent = FakeTs.parse(p.get("ts"));
        FakeMessage root = c.messages.get(parent);
        if (root == null) {
            return error("thread_not_found");
        }
        NavigableMap<FakeTs, FakeMessage> thread = c.thread(parent);
        NavigableMap<FakeTs, FakeMessage> range = thread == null ? new TreeMap<>() : thread;
        boolean inclusive = isTrue(p.get("inclusive"));
        if (p.containsKey("oldest")) {
            range = range.tailMap(FakeTs.parse(p.get("oldest")), inclusive);
        }
        if (p.containsKey("latest")) {
            range = range.headMap(FakeTs.parse(p.get("latest")), inclusive);
        }
        String cursor = p.get("cursor");
        boolean firstPage = cursor == null || cursor.isEmpty();
        if (!firstPage) {
            range = range.tailMap(decodeCursor(cursor), true);
        }
        int limit = Integer.parseInt(p.getOrDefault("limit", "100"));
        ObjectNode ok = ok();
        ArrayNode messages = ok.putArray("messages");
        if (firstPage) {
            // Slack puts the parent first, whatever oldest says.
            messages.add(root.toJson(thread));
        }
        FakeTs next = null;
        for (FakeMessage m : range.values()) {
            if (messages.size() >= limit) {
                next = m.ts;
                break;
            }
            messages.add(m.toJson(null));
        }
        ok.put("has_more", next != null);
        ok.putObject("response_metadata").put("next_cursor", next == null ? "" : encodeCursor(next));
        return ok;
    }

    private static boolean isTrue(final String value) {
        return "true".equals(value) || "1".equals(value);
    }

    private static String encodeCursor(final FakeTs ts) {
        return Base64.getEncoder().encodeToString(("ts:" + ts).getBytes(StandardCharsets.UTF_8));
    }

    private static FakeTs decodeCursor(final String cursor) {
        return FakeTs.parse(new String(Base64.getDecoder().decode(cursor), StandardCharsets.UTF_8).substring(3));
    }

    private static ObjectNode ok() {
        return MAPPER.createObjectNode().put("ok", true);
    }

    private static ObjectNode error(final String code) {
        return MAPPER.createObjectNode().put("ok", false).put("error", code);
    }

    private static void send(final HttpExchange exchange, final int status, final String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json; charset=utf-8");
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    private static Map<String, String> parseForm(final String form) {
        Map<String, String> params = new LinkedHashMap<>();
        for (String pair : form.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            params.put(URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8),
                    eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return params;
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
