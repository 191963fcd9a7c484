package dev.episodic.packaging;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * One connector module as a Confluent Hub component folder: {@code manifest.json}, {@code lib/} (the connector's jar
 * and the runtime jars it needs, never Kafka's own), {@code etc/} (its example REST JSON from {@code config/}),
 * {@code doc/} (its README).
 */
final class Component {
    private static final Pattern CONNECTOR_CLASS = Pattern.compile("\"connector\\.class\"\\s*:\\s*\"([^\"]+)\"");

    private final ConnectorJar connector;
    private final List<Path> sharedJars;
    private final Path repoRoot;
    private final String version;

    Component(final ConnectorJar connector, final List<Path> sharedJars, final Path repoRoot, final String version) {
        this.connector = connector;
        this.sharedJars = sharedJars;
        this.repoRoot = repoRoot;
        this.version = version;
    }

    /** Writes the folder {@code pluginsDir/<artifactId>} afresh and returns it. */
    Path writeTo(final Path pluginsDir) throws IOException {
        Path dir = pluginsDir.resolve(connector.artifactId());
        deleteRecursively(dir);
        Path lib = Files.createDirectories(dir.resolve("lib"));
        copy(connector.jar(), lib);
        for (Path jar : sharedJars) {
            copy(jar, lib);
        }
        Path etc = Files.createDirectories(dir.resolve("etc"));
        for (Path example : examples()) {
            copy(example, etc);
        }
        Path doc = Files.createDirectories(dir.resolve("doc"));
        Path moduleReadme = repoRoot.resolve("connectors").resolve(connector.moduleName()).resolve("README.md");
        Path readme = Files.isRegularFile(moduleReadme) ? moduleReadme : repoRoot.resolve("README.md");
        if (Files.isRegularFile(readme)) {
            Files.copy(readme, doc.resolve("README.md"), StandardCopyOption.REPLACE_EXISTING);
        }
        Files.writeString(dir.resolve("manifest.json"), Manifest.json(connector, version), StandardCharsets.UTF_8);
        return dir;
    }

    /** The REST JSON examples in {@code config/} whose connector.class is one of this jar's connectors. */
    List<Path> examples() throws IOException {
        Path config = repoRoot.resolve("config");
        List<Path> result = new ArrayList<>();
        if (!Files.isDirectory(config)) {
            return result;
        }
        try (Stream<Path> files = Files.list(config)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".json")).sorted().toList()) {
                Matcher m = CONNECTOR_CLASS.matcher(Files.readString(f, StandardCharsets.UTF_8));
                if (m.find() && connector.connectorClasses().contains(m.group(1))) {
                    result.add(f);
                }
            }
        }
        return result;
    }

    private static void copy(final Path file, final Path dir) throws IOException {
        Files.copy(file, dir.resolve(file.getFileName()), StandardCopyOption.REPLACE_EXISTING);
    }

    static void deleteRecursively(final Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
