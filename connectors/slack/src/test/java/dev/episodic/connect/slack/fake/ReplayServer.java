package dev.episodic.connect.slack.fake;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Answers requests with recorded (or scripted) interactions in order, checking that each request goes to the
 * recorded method, and keeps what was asked so tests can compare it with the recording.
 */
public final class ReplayServer implements AutoCloseable {
    /** Headers a replay must not pass on: the JDK server sets its own framing. */
    private static final Set<String> FRAMING = Set.of("content-length", "transfer-encoding", "connection",
            "content-encoding");

    /** What the client sent. */
    public record Request(String method, String body, String authorization) {
    }

    private final HttpServer server;
    private final Deque<Cassette.Interaction> script;
    private final List<Request> requests = new ArrayList<>();

    public ReplayServer(final List<Cassette.Interaction> interactions) throws IOException {
        this.script = new ArrayDeque<>(interactions);
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/api/", exchange -> {
            try (exchange) {
                String method = exchange.getRequestURI().getPath().substring("/api/".length());
                String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                Cassette.Interaction next;
                synchronized (this) {
                    requests.add(new Request(method, body, exchange.getRequestHeaders().getFirst("Authorization")));
                    next = script.pollFirst();
                }
                if (next == null || !next.method().equals(method)) {
                    byte[] err = ("no recorded answer for " + method).getBytes(StandardCharsets.UTF_8);
                    exchange.sendResponseHeaders(599, err.length);
                    exchange.getResponseBody().write(err);
                    return;
                }
                for (Map.Entry<String, String> h : next.headers().entrySet()) {
                    if (!FRAMING.contains(h.getKey().toLowerCase())) {
                        exchange.getResponseHeaders().add(h.getKey(), h.getValue());
                    }
                }
                byte[] bytes = next.body().getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(next.status(), bytes.length == 0 ? -1 : bytes.length);
                if (bytes.length > 0) {
                    try (OutputStream out = exchange.getResponseBody()) {
                        out.write(bytes);
                    }
                }
            }
        });
        server.start();
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/api/";
    }

    public synchronized List<Request> requests() {
        return new ArrayList<>(requests);
    }

    public synchronized int unanswered() {
        return script.size();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
