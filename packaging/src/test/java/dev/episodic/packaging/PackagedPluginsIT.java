package dev.episodic.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.episodic.cli.dev.DevCluster;
import dev.episodic.cli.dev.DevSettings;
import dev.episodic.cli.tail.CommittedTail;
import dev.episodic.connect.common.event.EpisodicEvent;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged plugin folders on a real distributed worker in its own JVM, whose classpath holds Kafka only: every
 * connector the jars register loads through {@code plugin.discovery=service_load} from its own folder, and every
 * REST JSON example in {@code config/} of a packaged connector passes the worker's validate endpoint with zero errors
 * (filesystem paths in the examples are replaced by this test's fixtures).
 */
class PackagedPluginsIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path PLUGINS = Path.of(System.getProperty("episodic.plugins"));
    private static final Path REPO = Path.of(System.getProperty("episodic.repo")).toAbsolutePath().normalize();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    static Path dir;
    static DevCluster cluster;

    @BeforeAll
    static void start() throws Exception {
        DevSettings settings = new DevSettings(dir.resolve("dev"), freePort(), freePort(), freePort(), List.of(PLUGINS),
                DevSettings.readClasspathFile(Path.of(System.getProperty("episodic.kafka.classpath"))), "512m");
        cluster = new DevCluster(settings);
        cluster.start(Duration.ofMinutes(3));
    }

    @AfterAll
    static void stop() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void everyRegisteredConnectorLoadsFromItsPluginFolder() throws Exception {
        Set<String> expected = packagedConnectors();
        assertThat(expected).isNotEmpty();
        JsonNode listed = JSON.readTree(send("GET", "/connector-plugins", null).body());
        Set<String> loaded = new TreeSet<>();
        listed.forEach(p -> loaded.add(p.path("class").asText()));
        assertThat(loaded).containsAll(expected);
    }

    /**
     * Every example in config/ whose connector is packaged passes the worker's validate endpoint with zero errors.
     * Examples of connectors whose module is not yet a dependency of packaging/pom.xml are listed on stderr; adding
     * that one dependency line brings them under this test.
     */
    private static final Set<String> REMOTE_API_CONNECTORS = Set.of(
            "dev.episodic.connect.github.GitHubSourceConnector", "dev.episodic.connect.slack.SlackSourceConnector");

    @Test
    void everyConfigExampleOfAPackagedConnectorValidatesWithZeroErrors() throws Exception {
        Set<String> packaged = packagedConnectors();
        List<Path> examples;
        try (Stream<Path> files = Files.list(REPO.resolve("config"))) {
            examples = files.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        }
        List<String> validated = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (Path example : examples) {
            JsonNode root = JSON.readTree(example.toFile());
            ObjectNode config = (ObjectNode) (root.has("config") ? root.get("config") : root).deepCopy();
            String plugin = config.path("connector.class").asText();
            if (REMOTE_API_CONNECTORS.contains(plugin)) {
                // Their validation reaches the service with the token; this machine has no network and the examples
                // carry placeholder tokens. Each module's contract IT validates its example against its fake service.
                continue;
            }
            if (!packaged.contains(plugin)) {
                System.err.println("config/" + example.getFileName() + ": " + plugin + " is not packaged; add its module's "
                        + "dependency line to packaging/pom.xml to validate this example");
                continue;
            }
            config.put("name", root.path("name").asText("example"));
            templatePaths(config);
            HttpResponse<String> r = send("PUT", "/connector-plugins/" + plugin.substring(plugin.lastIndexOf('.') + 1)
                    + "/config/validate", config.toString());
            validated.add(example.getFileName().toString());
            if (r.statusCode() != 200) {
                problems.add(example.getFileName() + ": HTTP " + r.statusCode() + " " + r.body());
                continue;
            }
            for (JsonNode c : JSON.readTree(r.body()).path("configs")) {
                for (JsonNode error : c.path("value").path("errors")) {
                    problems.add(example.getFileName() + ": " + c.path("value").path("name").asText() + ": " + error.asText());
                }
            }
        }
        // At least the git example and the standalone example (both git) exist while the filesystem module is packaged.
        assertThat(validated).as("examples validated").contains("git.json", "standalone-example.json");
        assertThat(problems).as("validation errors of config/*.json").isEmpty();
    }

    /** The quickstart's path: the packaged git connector deployed over REST on this clone, its events committed. */
    @Test
    void packagedGitConnectorDeploysOverRestAndItsEventsCommit() throws Exception {
        String topic = "episodic.git-it";
        ObjectNode config = JSON.createObjectNode();
        config.put("connector.class", "dev.episodic.connect.filesystem.GitCommitSourceConnector");
        config.put("tasks.max", "1");
        config.put("git.repositories", REPO.toString());
        config.put("topic", topic);
        HttpResponse<String> put = send("PUT", "/connectors/git-it/config", config.toString());
        assertThat(put.statusCode()).as(put.body()).isIn(200, 201);

        List<EpisodicEvent> events = new ArrayList<>();
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        try (CommittedTail tail = new CommittedTail(cluster.settings().bootstrap(), topic, null, 0)) {
            tail.run(true, Duration.ofSeconds(120), () -> events.size() < 2 && System.nanoTime() < deadline, events::add);
        }
        assertThat(events).as("committed git events").hasSizeGreaterThanOrEqualTo(2);
        assertThat(events).allSatisfy(e -> assertThat(e.sourceType().wireName()).isEqualTo("git"));
        Map<String, List<Long>> byStream = new java.util.LinkedHashMap<>();
        events.forEach(e -> byStream.computeIfAbsent(e.stream(), k -> new ArrayList<>()).add(e.sequence()));
        byStream.values().forEach(seqs -> {
            for (int i = 0; i < seqs.size(); i++) {
                assertThat(seqs.get(i)).as("dense sequences from 1").isEqualTo(i + 1L);
            }
        });
    }

    /** The connector classes every packaged plugin registers in its service file. */
    private static Set<String> packagedConnectors() throws IOException {
        Set<String> classes = new TreeSet<>();
        try (Stream<Path> plugins = Files.list(PLUGINS)) {
            for (Path plugin : plugins.toList()) {
                assertThat(plugin.resolve("manifest.json")).isRegularFile();
                Path jar = connectorJar(plugin);
                classes.addAll(ConnectorJar.read(jar, version(jar)).connectorClasses());
            }
        }
        return classes;
    }

    /**
     * Example paths point at the user's machine (/srv/repos/…, "."): absolute or relative filesystem paths become this
     * repository's root (a real git repository and folder), or an empty fixture file when the example names a file.
     */
    private static void templatePaths(final ObjectNode config) throws IOException {
        for (Iterator<Map.Entry<String, JsonNode>> it = config.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String value = e.getValue().asText();
            List<String> parts = List.of(value.split(","));
            if (value.isBlank() || !parts.stream().map(String::trim).allMatch(PackagedPluginsIT::isPath)) {
                continue;
            }
            if (e.getKey().equals("cursor.data.dir")) {
                // Cursor's User folder: the connector checks it holds workspaceStorage/ or globalStorage/.
                Path user = dir.resolve("fixtures").resolve("cursor-user");
                Files.createDirectories(user.resolve("workspaceStorage"));
                Files.createDirectories(user.resolve("globalStorage"));
                e.setValue(JSON.getNodeFactory().textNode(user.toString()));
                continue;
            }
            String first = parts.get(0).trim();
            String name = Path.of(first).getFileName() == null ? "" : Path.of(first).getFileName().toString();
            if (name.matches(".+\\.[A-Za-z0-9]{1,6}")) {
                Path fixture = dir.resolve("fixtures").resolve(name);
                Files.createDirectories(fixture.getParent());
                if (!Files.exists(fixture)) {
                    Files.createFile(fixture);
                }
                e.setValue(JSON.getNodeFactory().textNode(fixture.toString()));
            } else {
                e.setValue(JSON.getNodeFactory().textNode(REPO.toString()));
            }
        }
    }

    private static boolean isPath(final String s) {
        return s.startsWith("/") || s.equals(".") || s.startsWith("./") || s.startsWith("~/");
    }

    private static Path connectorJar(final Path plugin) throws IOException {
        try (Stream<Path> jars = Files.list(plugin.resolve("lib"))) {
            return jars.filter(PluginPackager::isConnector).findFirst()
                    .orElseThrow(() -> new AssertionError(plugin + " has no connector jar"));
        }
    }

    private static String version(final Path jar) {
        String name = jar.getFileName().toString();
        String artifact = jar.getParent().getParent().getFileName().toString();
        return name.substring(artifact.length() + 1, name.length() - ".jar".length());
    }

    private static HttpResponse<String> send(final String method, final String path, final String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(cluster.settings().restUrl() + path)).timeout(Duration.ofSeconds(60));
        if (body == null) {
            b.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            b.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(body));
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
