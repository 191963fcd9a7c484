package dev.episodic.packaging;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Lays out every connector module found among the packaging module's dependencies as a Kafka Connect plugin in
 * the Confluent Hub component layout, zips each one, and zips the whole suite.
 *
 * <p>Arguments: the folder of runtime jars (connector jars and their dependencies, without Kafka's own), the repository
 * root (for {@code config/} and the READMEs), the version, and the output folder.
 */
public final class PluginPackager {
    static final String CONNECTOR_PREFIX = "episodic-connector-";

    private PluginPackager() {
    }

    public static void main(final String[] args) throws IOException {
        if (args.length != 4) {
            throw new IllegalArgumentException("usage: PluginPackager JARS_DIR REPO_ROOT VERSION OUTPUT_DIR");
        }
        List<Path> built = packageAll(Path.of(args[0]), Path.of(args[1]).normalize(), args[2], Path.of(args[3]));
        // Runs inside the build with only its own classes on the classpath, so the JDK's logger rather than SLF4J.
        System.Logger log = System.getLogger(PluginPackager.class.getName());
        for (Path p : built) {
            log.log(System.Logger.Level.INFO, "wrote {0}", p);
        }
    }

    /** Builds everything; returns the archives written. */
    static List<Path> packageAll(final Path jarsDir, final Path repoRoot, final String version, final Path out) throws IOException {
        List<Path> jars;
        try (Stream<Path> files = Files.list(jarsDir)) {
            jars = files.filter(p -> p.getFileName().toString().endsWith(".jar")).sorted().toList();
        }
        List<Path> connectorJars = jars.stream().filter(PluginPackager::isConnector).toList();
        if (connectorJars.isEmpty()) {
            throw new IllegalStateException("No " + CONNECTOR_PREFIX + "* jar in " + jarsDir
                    + "; add the connector module as a dependency of packaging/pom.xml");
        }
        List<Path> shared = jars.stream().filter(p -> !isConnector(p)).toList();
        Path plugins = out.resolve("plugins");
        Path components = out.resolve("components");
        Files.createDirectories(components);
        List<Path> archives = new ArrayList<>();
        List<Path> componentDirs = new ArrayList<>();
        for (Path connectorJar : connectorJars) {
            ConnectorJar connector = ConnectorJar.read(connectorJar, version);
            Path dir = new Component(connector, shared, repoRoot, version).writeTo(plugins);
            componentDirs.add(dir);
            Path zip = components.resolve(connector.artifactId() + "-" + version + ".zip");
            Zips.zip(zip, List.of(new Zips.Entry(dir, connector.artifactId() + "-" + version)));
            archives.add(zip);
        }
        archives.add(suite(componentDirs, repoRoot, version, out));
        return archives;
    }

    /** One archive with every plugin under {@code plugins/} (a ready plugin.path), the example configs and the README. */
    private static Path suite(final List<Path> componentDirs, final Path repoRoot, final String version, final Path out) throws IOException {
        String root = "episodic-connect-suite-" + version;
        List<Zips.Entry> entries = new ArrayList<>();
        for (Path dir : componentDirs) {
            entries.add(new Zips.Entry(dir, root + "/plugins/" + dir.getFileName()));
        }
        if (Files.isDirectory(repoRoot.resolve("config"))) {
            entries.add(new Zips.Entry(repoRoot.resolve("config"), root + "/config"));
        }
        if (Files.isRegularFile(repoRoot.resolve("README.md"))) {
            entries.add(new Zips.Entry(repoRoot.resolve("README.md"), root + "/README.md"));
        }
        Path zip = out.resolve(root + ".zip");
        Zips.zip(zip, entries);
        return zip;
    }

    static boolean isConnector(final Path jar) {
        return jar.getFileName().toString().startsWith(CONNECTOR_PREFIX);
    }
}
