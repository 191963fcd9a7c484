package dev.episodic.connect.common.testkit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.episodic.connect.common.event.EventJson;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.awaitility.Awaitility;

/**
 * The Connect REST API as a user drives it: JSON in, JSON out, over HTTP. Deliberately independent of the
 * runtime's own REST entities so tests exercise the documented wire format.
 */
public final class ConnectRestClient {
    private final Supplier<String> baseUrl;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** {@code baseUrl} is looked up per call because a restarted worker listens on a new port. */
    public ConnectRestClient(final Supplier<String> baseUrl) {
        this.baseUrl = baseUrl;
    }

    public RestResponse get(final String path) {
        return send("GET", path, null);
    }

    public RestResponse put(final String path, final String json) {
        return send("PUT", path, json);
    }

    public RestResponse post(final String path, final String json) {
        return send("POST", path, json);
    }

    public RestResponse patch(final String path, final String json) {
        return send("PATCH", path, json);
    }

    public RestResponse delete(final String path) {
        return send("DELETE", path, null);
    }

    public boolean isUp() {
        try {
            return get("/").ok();
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** POST /connectors with a {@code {"name":…,"config":{…}}} document, exactly as the README shows. */
    public RestResponse deploy(final String requestJson) {
        return post("/connectors", requestJson);
    }

    /** PUT /connectors/{name}/config: creates or updates. */
    public RestResponse putConfig(final String name, final Map<String, String> config) {
        return put("/connectors/" + enc(name) + "/config", json(config));
    }

    public RestResponse validate(final String pluginClass, final Map<String, String> config) {
        String simple = pluginClass.substring(pluginClass.lastIndexOf('.') + 1);
        return put("/connector-plugins/" + enc(simple) + "/config/validate", json(config));
    }

    public RestResponse status(final String name) {
        return get("/connectors/" + enc(name) + "/status");
    }

    public RestResponse stop(final String name) {
        return put("/connectors/" + enc(name) + "/stop", null);
    }

    public RestResponse pause(final String name) {
        return put("/connectors/" + enc(name) + "/pause", null);
    }

    public RestResponse resume(final String name) {
        return put("/connectors/" + enc(name) + "/resume", null);
    }

    public RestResponse restart(final String name, final boolean includeTasks) {
        return post("/connectors/" + enc(name) + "/restart?includeTasks=" + includeTasks + "&onlyFailed=false", null);
    }

    public RestResponse deleteConnector(final String name) {
        return delete("/connectors/" + enc(name));
    }

    public RestResponse offsets(final String name) {
        return get("/connectors/" + enc(name) + "/offsets");
    }

    /** PATCH /connectors/{name}/offsets with a body {@code {"offsets":[{"partition":…,"offset":…}]}}. */
    public RestResponse alterOffsets(final String name, final String offsetsJson) {
        return patch("/connectors/" + enc(name) + "/offsets", offsetsJson);
    }

    public RestResponse resetOffsets(final String name) {
        return delete("/connectors/" + enc(name) + "/offsets");
    }

    /** Waits until the connector and {@code tasks} tasks report RUNNING. */
    public void awaitRunning(final String name, final int tasks, final Duration timeout) {
        awaitState(name, "RUNNING", tasks, timeout);
    }

    public void awaitState(final String name, final String state, final int tasks, final Duration timeout) {
        Awaitility.await(name + " " + state).atMost(timeout).pollInterval(200, TimeUnit.MILLISECONDS)
                .ignoreExceptions()
                .until(() -> {
                    JsonNode s = status(name).requireOk().json();
                    if (!state.equals(s.path("connector").path("state").asText())) {
                        return false;
                    }
                    JsonNode taskStates = s.path("tasks");
                    if ("STOPPED".equals(state)) {
                        return taskStates.size() == 0;
                    }
                    if (taskStates.size() != tasks) {
                        return false;
                    }
                    for (JsonNode t : taskStates) {
                        if ("FAILED".equals(t.path("state").asText())) {
                            throw new AssertionError("Task failed: " + t.path("trace").asText());
                        }
                        if (!state.equals(t.path("state").asText())) {
                            return false;
                        }
                    }
                    return true;
                });
    }

    /** The first failed task's trace, or null. */
    public String failureTrace(final String name) {
        JsonNode s = status(name).json();
        for (JsonNode t : s.path("tasks")) {
            if ("FAILED".equals(t.path("state").asText())) {
                return t.path("trace").asText();
            }
        }
        return null;
    }

    public static String json(final Object value) {
        try {
            return EventJson.mapper().writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    public static ObjectNode object() {
        return EventJson.mapper().createObjectNode();
    }

    private RestResponse send(final String method, final String path, final String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl.get() + path))
                .timeout(Duration.ofSeconds(90))
                .header("Accept", "application/json");
        if (body != null) {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        } else {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        }
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new RestResponse(response.statusCode(), response.body());
        } catch (IOException e) {
            throw new IllegalStateException(method + " " + path + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(method + " " + path + " interrupted", e);
        }
    }

    private static String enc(final String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
