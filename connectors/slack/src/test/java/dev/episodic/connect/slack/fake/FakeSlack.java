package dev.episodic.connect.slack.fake;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.episodic.connect.slack.SlackTs;
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
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A stateful fake of the Slack Web API methods the connector uses, on a local HTTP server. Tests change its
 * channels between polls (post, reply, edit, delete, react) and script faults (429 with Retry-After,
 * {@code ratelimited}, 5xx, malformed bodies). History is newest first with real cursor pagination
 * ({@code has_more}, {@code response_metadata.next_cursor}); parents carry {@code reply_count}/{@code latest_reply}.
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
    private long nextMicros;
    private int retryAfterSeconds = 1;

    public FakeSlack(final Instant firstTs) throws IOException {
        this.nextMicros = firstTs.getEpochSecond() * 1_000_000L + firstTs.getNano() / 1_000;
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/api/", this::handle);
        server.setExecutor(executor);
        server.start();
    }

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
    public synchronized SlackTs nextTs() {
        long m = nextMicros++;
        return new SlackTs(m / 1_000_000L, (int) (m % 1_000_000L));
    }

    public synchronized void skip(final long micros) {
        nextMicros += micros;
    }

    public synchronized SlackTs post(final String channel, final String user, final String text) {
        SlackTs ts = nextTs();
        channels.get(channel).messages.put(ts, new FakeMessage(ts, null, user, text));
        return ts;
    }

    public synchronized SlackTs postAt(final String channel, final SlackTs ts, final String user, final String text) {
        channels.get(channel).messages.put(ts, new FakeMessage(ts, null, user, text));
        return ts;
    }

    public synchronized SlackTs reply(final String channel, final SlackTs parent, final String user, final String text) {
        SlackTs ts = nextTs();
        FakeChannel c = channels.get(channel);
        c.replies.computeIfAbsent(parent, p -> new TreeMap<>()).put(ts, new FakeMessage(ts, parent, user, text));
        return ts;
    }

    public synchronized void edit(final String channel, final SlackTs ts, final String text) {
        FakeMessage m = find(channel, ts);
        m.text = text;
        m.editedTs = nextTs();
    }

    public synchronized void delete(final String channel, final SlackTs ts) {
        channels.get(channel).messages.remove(ts);
    }

    public synchronized void react(final String channel, final SlackTs ts, final String name, final String user) {
        find(channel, ts).reactions.computeIfAbsent(name, n -> new ArrayList<>()).add(user);
    }

    public synchronized void unreact(final String channel, final SlackTs ts, final String name, final String user) {
        FakeMessage m = find(channel, ts);
        List<String> users = m.reactions.get(name);
        users.remove(user);
        if (users.isEmpty()) {
            m.reactions.remove(name);
        }
    }

    public synchronized void failNext(final String method, final Fault fault) {
        faults.computeIfAbsent(method, k -> new ArrayDeque<>()).add(fault);
    }

    public synchronized void retryAfterSeconds(final int seconds) {
        this.retryAfterSeconds = seconds;
    }

    public long calls(final String method) {
        AtomicLong n = calls.get(method);
        return n == null ? 0 : n.get();
    }

    public long totalCalls() {
        return calls.values().stream().mapToLong(AtomicLong::get).sum();
    }

    public synchronized List<String> authHeaders() {
        return new ArrayList<>(authHeaders);
    }

    private FakeMessage find(final String channel, final SlackTs ts) {
        FakeChannel c = channels.get(channel);
        FakeMessage m = c.messages.get(ts);
        if (m != null) {
            return m;
        }
        for (NavigableMap<SlackTs, FakeMessage> thread : c.replies.values()) {
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
            calls.computeIfAbsent(method, k -> new AtomicLong()).incrementAndGet();
            Map<String, String> params = parseForm(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            String auth = exchange.getRequestHeaders().getFirst("Authorization");
            Fault fault;
            synchronized (this) {
                authHeaders.add(auth);
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
            case "users.info": {
                String name = userNames.get(p.get("user"));
                if (name == null) {
                    return error("user_not_found");
                }
                ObjectNode ok = ok();
                ObjectNode user = ok.putObject("user");
                user.put("id", p.get("user")).put("name", name.toLowerCase());
                user.putObject("profile").put("display_name", name);
                return ok;
            }
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
        SlackTs oldest = p.containsKey("oldest") ? SlackTs.parse(p.get("oldest")) : new SlackTs(0, 0);
        boolean inclusive = "true".equals(p.get("inclusive")) || "1".equals(p.get("inclusive"));
        NavigableMap<SlackTs, FakeMessage> range = c.messages.tailMap(oldest, inclusive);
        String cursor = p.get("cursor");
        if (cursor != null && !cursor.isEmpty()) {
            // Our cursor names the newest ts the next page may hold (exclusive upper bound).
            range = range.headMap(SlackTs.parse(decodeCursor(cursor)), false);
        }
        int limit = Integer.parseInt(p.getOrDefault("limit", "100"));
        ObjectNode ok = ok();
        ArrayNode messages = ok.putArray("messages");
        SlackTs last = null;
        for (FakeMessage m : range.descendingMap().values()) {
            if (messages.size() == limit) {
                break;
            }
            messages.add(m.toJson(c));
            last = m.ts;
        }
        boolean more = last != null && range.headMap(last, false).size() > 0;
        ok.put("has_more", more);
        ok.putObject("response_metadata").put("next_cursor", more ? encodeCursor(last.toString()) : "");
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
        SlackTs parent = SlackTs.parse(p.get("ts"));
        FakeMessage root = c.messages.get(parent);
        if (root == null) {
            return error("thread_not_found");
        }
        SlackTs oldest = p.containsKey("oldest") ? SlackTs.parse(p.get("oldest")) : new SlackTs(0, 0);
        NavigableMap<SlackTs, FakeMessage> thread = new TreeMap<>(c.replies.getOrDefault(parent, new TreeMap<>()));
        thread.put(parent, root);
        NavigableMap<SlackTs, FakeMessage> range = thread.tailMap(oldest, "true".equals(p.get("inclusive")));
        String cursor = p.get("cursor");
        if (cursor != null && !cursor.isEmpty()) {
            range = range.tailMap(SlackTs.parse(decodeCursor(cursor)), true);
        }
        int limit = Integer.parseInt(p.getOrDefault("limit", "100"));
        ObjectNode ok = ok();
        ArrayNode messages = ok.putArray("messages");
        SlackTs next = null;
        for (FakeMessage m : range.values()) {
            if (messages.size() == limit) {
                next = m.ts;
                break;
            }
            messages.add(m.toJson(c));
        }
        ok.put("has_more", next != null);
        ok.putObject("response_metadata").put("next_cursor", next == null ? "" : encodeCursor(next.toString()));
        return ok;
    }

    private static String encodeCursor(final String value) {
        return Base64.getEncoder().encodeToString(("ts:" + value).getBytes(StandardCharsets.UTF_8));
    }

    private static String decodeCursor(final String cursor) {
        return new String(Base64.getDecoder().decode(cursor), StandardCharsets.UTF_8).substring(3);
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

    /** One channel: top-level messages by ts, and each thread's replies by parent ts. */
    public static final class FakeChannel {
        final String id;
        final String name;
        final NavigableMap<SlackTs, FakeMessage> messages = new TreeMap<>();
        final Map<SlackTs, NavigableMap<SlackTs, FakeMessage>> replies = new HashMap<>();
        volatile boolean member = true;

        FakeChannel(final String id, final String name) {
            this.id = id;
            this.name = name;
        }

        /** Removes the app from the channel: reads answer {@code not_in_channel}. */
        public void kickApp() {
            member = false;
        }
    }

    static final class FakeMessage {
        final SlackTs ts;
        final SlackTs threadTs;
        final String user;
        String text;
        SlackTs editedTs;
        final Map<String, List<String>> reactions = new LinkedHashMap<>();

        FakeMessage(final SlackTs ts, final SlackTs threadTs, final String user, final String text) {
            this.ts = ts;
            this.threadTs = threadTs;
            this.user = user;
            this.text = text;
        }

        ObjectNode toJson(final FakeChannel channel) {
            ObjectNode m = MAPPER.createObjectNode();
            m.put("type", "message").put("user", user).put("text", text).put("ts", ts.toString());
            if (threadTs != null) {
                m.put("thread_ts", threadTs.toString()).put("parent_user_id", "U0PARENT");
            }
            NavigableMap<SlackTs, FakeMessage> thread = threadTs == null ? channel.replies.get(ts) : null;
            if (thread != null && !thread.isEmpty()) {
                m.put("thread_ts", ts.toString()).put("reply_count", thread.size())
                        .put("latest_reply", thread.lastKey().toString());
            }
            if (editedTs != null) {
                m.putObject("edited").put("user", user).put("ts", editedTs.toString());
            }
            if (!reactions.isEmpty()) {
                ArrayNode list = m.putArray("reactions");
                reactions.forEach((name, users) -> {
                    ObjectNode r = list.addObject().put("name", name).put("count", users.size());
                    ArrayNode u = r.putArray("users");
                    users.forEach(u::add);
                });
            }
            return m;
        }
    }
}
