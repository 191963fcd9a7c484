package dev.episodic.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.episodic.connect.common.event.EventJson;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A connector's configuration exactly as the Connect REST API takes it: {@code {"name":…,"config":{…}}}, or the
 * bare config map (then the name comes from its {@code name} key). Values may be JSON strings, numbers or
 * booleans; Connect reads them all as strings, and so does this class.
 */
public record ConnectorRequest(String name, Map<String, String> config) {
    public static final String CONNECTOR_CLASS = "connector.class";
    public static final String TASKS_MAX = "tasks.max";
    public static final String NAME = "name";

    public ConnectorRequest {
        config = Map.copyOf(config);
    }

    public static ConnectorRequest read(final Path file) {
        JsonNode root;
        try {
            root = EventJson.mapper().readTree(Files.readString(file));
        } catch (IOException e) {
            throw new UsageException("Cannot read connector config " + file + ": " + e.getMessage()
                    + "; give a JSON file like config/standalone-example.json");
        }
        return parse(root, file.toString());
    }

    static ConnectorRequest parse(final JsonNode root, final String origin) {
        if (root == null || !root.isObject()) {
            throw new UsageException(origin + " is not a JSON object; write {\"name\":…,\"config\":{…}} or the bare config map");
        }
        JsonNode configNode = root.has("config") ? root.get("config") : root;
        if (!configNode.isObject()) {
            throw new UsageException(origin + ": \"config\" must be a JSON object of string values");
        }
        Map<String, String> config = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = configNode.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode v = e.getValue();
            if (v.isNull()) {
                continue;
            }
            if (!v.isValueNode()) {
                throw new UsageException(origin + ": config key '" + e.getKey() + "' holds "
                        + v.getNodeType().toString().toLowerCase() + "; Connect configs take strings (join lists with commas)");
            }
            config.put(e.getKey(), v.asText());
        }
        String name = root.has("config") && root.hasNonNull(NAME) ? root.get(NAME).asText() : config.get(NAME);
        if (name == null || name.isBlank()) {
            throw new UsageException(origin + " has no connector name; add \"name\": \"my-source\"");
        }
        if (!config.containsKey(CONNECTOR_CLASS) || config.get(CONNECTOR_CLASS).isBlank()) {
            throw new UsageException(origin + " lacks \"" + CONNECTOR_CLASS + "\"; name the connector, e.g. "
                    + "\"dev.episodic.connect.filesystem.GitCommitSourceConnector\"");
        }
        config.put(NAME, name.trim());
        return new ConnectorRequest(name.trim(), config);
    }

    public String connectorClass() {
        return config.get(CONNECTOR_CLASS);
    }

    public int tasksMax() {
        String value = config.getOrDefault(TASKS_MAX, "1");
        try {
            int n = Integer.parseInt(value.trim());
            if (n < 1) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw new UsageException("tasks.max is '" + value + "'; it must be a whole number >= 1");
        }
    }

    /** The id the cursor store files this source under: {@code source.id}, or the connector's name. */
    public String sourceId() {
        String configured = config.get("source.id");
        return configured == null || configured.isBlank() ? name : configured.trim();
    }

    /** The REST body {@code {"name":…,"config":{…}}}. */
    public String toRestJson() {
        var node = EventJson.mapper().createObjectNode();
        node.put(NAME, name);
        var c = node.putObject("config");
        config.forEach(c::put);
        return node.toString();
    }

    public ConnectorRequest with(final String key, final String value) {
        Map<String, String> copy = new LinkedHashMap<>(config);
        copy.put(key, value);
        return new ConnectorRequest(name, copy);
    }
}
