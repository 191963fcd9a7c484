package dev.episodic.connect.slack.fake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A VCR cassette from the shared Slack fixtures, read where it lies ({@code ../shared/fixtures/slack}, resolved
 * from the repository root) and never copied into this module.
 */
public final class Cassette {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    /** One recorded request (method path and form body) and Slack's answer to it. */
    public record Interaction(String uri, String requestBody, int status, Map<String, String> headers, String body) {
        public String method() {
            return uri.substring(uri.lastIndexOf('/') + 1);
        }
    }

    private Cassette() {
    }

    public static Path fixtures() {
        // Tests run in connectors/slack; the fixtures sit beside the repository root, in ../shared.
        Path root = Path.of(System.getProperty("user.dir")).toAbsolutePath().getParent().getParent();
        Path dir = root.resolve("../shared/fixtures/slack").normalize();
        if (!Files.isDirectory(dir)) {
            throw new IllegalStateException("Slack fixtures not found at " + dir);
        }
        return dir;
    }

    public static List<Interaction> read(final String name) throws IOException {
        JsonNode doc = YAML.readTree(fixtures().resolve("vcr").resolve(name).toFile());
        List<Interaction> result = new ArrayList<>();
        for (JsonNode i : doc.path("http_interactions")) {
            Map<String, String> headers = new LinkedHashMap<>();
            i.path("response").path("headers").properties().forEach(e ->
                    headers.put(e.getKey(), e.getValue().isArray() ? e.getValue().get(0).asText() : e.getValue().asText()));
            result.add(new Interaction(i.path("request").path("uri").asText(),
                    i.path("request").path("body").path("string").asText(""),
                    i.path("response").path("status").path("code").asInt(),
                    headers, i.path("response").path("body").path("string").asText("")));
        }
        return result;
    }

    public static JsonNode sample(final String name) throws IOException {
        return new ObjectMapper().readTree(fixtures().resolve("samples").resolve(name).toFile());
    }
}
