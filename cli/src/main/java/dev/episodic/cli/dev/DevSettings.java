package dev.episodic.cli.dev;

import dev.episodic.cli.UsageException;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Where and how the dev cluster runs: its data folder (kept between runs, so a restart resumes), its three ports
 * on 127.0.0.1, the plugin folders the worker loads, and the jars of Kafka itself.
 */
public record DevSettings(Path dataDir, int kafkaPort, int controllerPort, int restPort, List<Path> pluginPath,
                          List<String> kafkaClasspath, String heap) {

    public DevSettings {
        pluginPath = List.copyOf(pluginPath);
        kafkaClasspath = List.copyOf(kafkaClasspath);
        if (pluginPath.isEmpty()) {
            throw new UsageException("No plugin folders to load; build the suite (./episodic does it) or pass --plugin-path");
        }
        if (kafkaClasspath.isEmpty()) {
            throw new UsageException("Kafka's jars are unknown; run through ./episodic (it sets episodic.kafka.classpath) "
                    + "or pass --kafka-classpath cli/target/classpath/kafka.txt");
        }
    }

    public String bootstrap() {
        return "127.0.0.1:" + kafkaPort;
    }

    public String restUrl() {
        return "http://127.0.0.1:" + restPort;
    }

    /** Reads a classpath file written by Maven's dependency:build-classpath (entries joined by the path separator). */
    public static List<String> readClasspathFile(final Path file) {
        if (file == null) {
            return List.of();
        }
        try {
            List<String> entries = new ArrayList<>();
            for (String e : Files.readString(file).trim().split(File.pathSeparator)) {
                if (!e.isBlank()) {
                    entries.add(e);
                }
            }
            return entries;
        } catch (IOException e) {
            throw new UsageException("Cannot read Kafka classpath file " + file + ": " + e.getMessage()
                    + "; build the CLI (mvn -f cli/pom.xml package) to create it");
        }
    }

    /** The file named by {@code episodic.kafka.classpath}, set by ./episodic and by the build's integration tests. */
    public static Path defaultClasspathFile() {
        String value = System.getProperty("episodic.kafka.classpath");
        return value == null || value.isBlank() ? null : Path.of(value);
    }
}
