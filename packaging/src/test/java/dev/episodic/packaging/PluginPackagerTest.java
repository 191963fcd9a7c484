package dev.episodic.packaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PluginPackagerTest {
    private static final String V = "1.2.3";

    @TempDir
    Path dir;
    Path jars;
    Path repo;
    Path out;

    @BeforeEach
    void setUp() throws IOException {
        jars = Files.createDirectories(dir.resolve("jars"));
        repo = Files.createDirectories(dir.resolve("repo"));
        out = dir.resolve("target");
        Files.createDirectories(repo.resolve("config"));
        Files.createDirectories(repo.resolve("connectors/demo"));
        Files.writeString(repo.resolve("README.md"), "# suite");
        Files.writeString(repo.resolve("connectors/demo/README.md"), "# demo connector");
        Files.writeString(repo.resolve("config/demo.json"), "{\"name\":\"d\",\"config\":{\"connector.class\" : \"x.DemoSourceConnector\"}}");
        Files.writeString(repo.resolve("config/other.json"), "{\"name\":\"o\",\"config\":{\"connector.class\":\"y.OtherConnector\"}}");
        Files.writeString(repo.resolve("config/worker-distributed.properties"), "bootstrap.servers=127.0.0.1:9092");
        jar(jars.resolve("episodic-connector-demo-" + V + ".jar"), Map.of(
                ConnectorJar.SOURCE_SERVICES, "# demo\nx.DemoSourceConnector\nx.OtherDemoSourceConnector\n",
                "META-INF/maven/dev.episodic/episodic-connector-demo/pom.xml", "<project><description>Demo \"things\".</description></project>"));
        jar(jars.resolve("episodic-common-" + V + ".jar"), Map.of("a.txt", "a"));
        jar(jars.resolve("jackson-core-2.0.jar"), Map.of("b.txt", "b"));
    }

    @Test
    void laysOutEachConnectorInTheHubComponentLayoutAndZipsItAndTheSuite() throws Exception {
        List<Path> archives = PluginPackager.packageAll(jars, repo, V, out);

        Path plugin = out.resolve("plugins/episodic-connector-demo");
        assertThat(names(plugin.resolve("lib"))).containsExactly("episodic-common-1.2.3.jar", "episodic-connector-demo-1.2.3.jar", "jackson-core-2.0.jar");
        assertThat(names(plugin.resolve("etc"))).containsExactly("demo.json");
        assertThat(Files.readString(plugin.resolve("doc/README.md"))).isEqualTo("# demo connector");
        JsonNode manifest = new ObjectMapper().readTree(plugin.resolve("manifest.json").toFile());
        assertThat(manifest.path("name").asText()).isEqualTo("episodic-connector-demo");
        assertThat(manifest.path("version").asText()).isEqualTo(V);
        assertThat(manifest.path("owner").path("username").asText()).isEqualTo("episodic");
        assertThat(manifest.path("component_types").get(0).asText()).isEqualTo("source");
        assertThat(manifest.path("description").asText()).startsWith("Demo \"things\".").contains("DemoSourceConnector, OtherDemoSourceConnector");

        assertThat(archives).containsExactly(out.resolve("components/episodic-connector-demo-1.2.3.zip"), out.resolve("episodic-connect-suite-1.2.3.zip"));
        assertThat(entries(archives.get(0))).contains("episodic-connector-demo-1.2.3/manifest.json",
                "episodic-connector-demo-1.2.3/lib/episodic-connector-demo-1.2.3.jar", "episodic-connector-demo-1.2.3/etc/demo.json",
                "episodic-connector-demo-1.2.3/doc/README.md");
        assertThat(entries(archives.get(1))).contains("episodic-connect-suite-1.2.3/plugins/episodic-connector-demo/manifest.json",
                "episodic-connect-suite-1.2.3/plugins/episodic-connector-demo/lib/jackson-core-2.0.jar",
                "episodic-connect-suite-1.2.3/config/worker-distributed.properties", "episodic-connect-suite-1.2.3/README.md");
    }

    @Test
    void sameInputGivesTheSameArchiveBytes() throws Exception {
        Path first = PluginPackager.packageAll(jars, repo, V, out).get(0);
        byte[] bytes = Files.readAllBytes(first);
        Path second = PluginPackager.packageAll(jars, repo, V, dir.resolve("again")).get(0);
        assertThat(Files.readAllBytes(second)).isEqualTo(bytes);
    }

    @Test
    void aConnectorJarWithoutServiceFileIsRefusedWithTheFix() throws Exception {
        jar(jars.resolve("episodic-connector-broken-" + V + ".jar"), Map.of("x.txt", "x"));
        assertThatThrownBy(() -> PluginPackager.packageAll(jars, repo, V, out))
                .hasMessageContaining("registers no connector").hasMessageContaining("Add the service file");
    }

    @Test
    void noConnectorAtAllIsRefused() throws Exception {
        Files.delete(jars.resolve("episodic-connector-demo-" + V + ".jar"));
        assertThatThrownBy(() -> PluginPackager.packageAll(jars, repo, V, out)).hasMessageContaining("add the connector module as a dependency");
    }

    @Test
    void quotesJsonStrings() {
        assertThat(Manifest.q("a\"b\\c\nd\u0001")).isEqualTo("\"a\\\"b\\\\c\\nd\\u0001\"");
    }

    private static void jar(final Path file, final Map<String, String> entries) throws IOException {
        try (OutputStream f = Files.newOutputStream(file); ZipOutputStream z = new ZipOutputStream(f)) {
            for (Map.Entry<String, String> e : entries.entrySet()) {
                z.putNextEntry(new ZipEntry(e.getKey()));
                z.write(e.getValue().getBytes(StandardCharsets.UTF_8));
                z.closeEntry();
            }
        }
    }

    private static List<String> names(final Path folder) throws IOException {
        try (var s = Files.list(folder)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    private static List<String> entries(final Path zip) throws IOException {
        try (ZipFile z = new ZipFile(zip.toFile())) {
            List<String> names = new ArrayList<>();
            for (ZipEntry e : Collections.list(z.entries())) {
                names.add(e.getName());
            }
            return names;
        }
    }
}
