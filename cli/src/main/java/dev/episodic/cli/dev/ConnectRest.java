package dev.episodic.cli.dev;

import com.fasterxml.jackson.databind.JsonNode;
import dev.episodic.cli.ConnectorRequest;
import dev.episodic.connect.common.event.EventJson;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** The few Connect REST calls the dev cluster needs: health, deploy (create or update), status. */
public final class ConnectRest {
    private final String baseUrl;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();

    public ConnectRest(final String baseUrl) {
        this.baseUrl = baseUrl;
    }

    public String baseUrl() {
        return baseUrl;
    }

    /** True once the worker answers and has joined its group (listing connectors needs that). */
    public boolean ready() {
        try {
            return send("GET", "/connectors", null).statusCode() == 200;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * PUT /connectors/{name}/config: creates the connector or updates it, so deploying again after a restart is
     * harmless. Retries while the worker is still rebalancing (409) until {@code timeout}.
     */
    public void deploy(final ConnectorRequest request, final Duration timeout) throws IOException, InterruptedException {
        var body = EventJson.mapper().createObjectNode();
        request.config().forEach(body::put);
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            HttpResponse<String> r = send("PUT", "/connectors/" + enc(request.name()) + "/config", body.toString());
            if (r.statusCode() / 100 == 2) {
                return;
            }
            // 409: the worker is rebalancing; 503 or a timed-out 500: it is still starting. Anything else is final.
            boolean retry = r.statusCode() == 409 || r.statusCode() == 503
                    || r.statusCode() == 500 && r.body().contains("Request timed out");
            if (!retry || System.nanoTime() > deadline) {
                throw new IllegalStateException("Deploying " + request.name() + " failed (HTTP " + r.statusCode() + "): "
                        + message(r.body()));
            }
            Thread.sleep(500);
        }
    }

    /** The connector's and its tasks' states, e.g. {@code RUNNING [RUNNING]}, or the failure trace's first line. */
    public String status(final String name) throws IOException {
        HttpResponse<String> r = send("GET", "/connectors/" + enc(name) + "/status", null);
        if (r.statusCode() != 200) {
            return "unknown (HTTP " + r.statusCode() + ")";
        }
        JsonNode s = EventJson.mapper().readTree(r.body());
        StringBuilder out = new StringBuilder(s.path("connector").path("state").asText());
        for (JsonNode t : s.path("tasks")) {
            out.append(" task ").append(t.path("id").asText()).append('=').append(t.path("state").asText());
            if ("FAILED".equals(t.path("state").asText())) {
                out.append(" (").append(t.path("trace").asText().lines().findFirst().orElse("")).append(')');
            }
        }
        return out.toString();
    }

    private static String message(final String body) {
        try {
            JsonNode n = EventJson.mapper().readTree(body);
            return n.path("message").asText(body);
        } catch (IOException e) {
            return body;
        }
    }

    private HttpResponse<String> send(final String method, final String path, final String json) throws IOException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(60))
                .header("Accept", "application/json");
        if (json == null) {
            b.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            b.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(json));
        }
        try {
            return http.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    private static String enc(final String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
