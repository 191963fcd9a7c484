package dev.episodic.cli.dev;

import dev.episodic.cli.ConnectorLoader;
import dev.episodic.cli.cursors.DurationParser;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import picocli.CommandLine.Option;

/** Options shared by {@code dev} and {@code quickstart}: where the cluster keeps its data and how it listens. */
public final class DevOptions {
    @Option(names = "--data-dir", paramLabel = "DIR", defaultValue = ".episodic/dev",
            description = "Data of the broker and worker; kept between runs so a restart resumes (default: ${DEFAULT-VALUE}).")
    Path dataDir;

    @Option(names = "--kafka-port", defaultValue = "9092", description = "Broker port on 127.0.0.1 (default: ${DEFAULT-VALUE}).")
    int kafkaPort;

    @Option(names = "--controller-port", defaultValue = "9093", description = "KRaft controller port on 127.0.0.1 (default: ${DEFAULT-VALUE}).")
    int controllerPort;

    @Option(names = "--rest-port", defaultValue = "8083", description = "Connect REST port on 127.0.0.1 (default: ${DEFAULT-VALUE}).")
    int restPort;

    @Option(names = "--plugin-path", paramLabel = "DIR", split = ",",
            description = "Plugin folders the worker loads (default: the suite's, set by ./episodic).")
    List<Path> pluginPath;

    @Option(names = "--kafka-classpath", paramLabel = "FILE",
            description = "File listing Kafka's jars (default: set by ./episodic, cli/target/classpath/kafka.txt).")
    Path kafkaClasspath;

    @Option(names = "--heap", defaultValue = "512m", description = "Max heap of each JVM (default: ${DEFAULT-VALUE}).")
    String heap;

    @Option(names = "--start-timeout", paramLabel = "DURATION", defaultValue = "180s", converter = DurationParser.Converter.class,
            description = "How long the cluster may take to start (default: ${DEFAULT-VALUE}).")
    Duration startTimeout;

    public DevSettings settings() {
        return new DevSettings(dataDir, kafkaPort, controllerPort, restPort,
                pluginPath == null ? ConnectorLoader.defaultPluginPath() : pluginPath,
                DevSettings.readClasspathFile(kafkaClasspath == null ? DevSettings.defaultClasspathFile() : kafkaClasspath),
                heap);
    }

    public Duration startTimeout() {
        return startTimeout;
    }
}
