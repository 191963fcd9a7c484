package dev.episodic.cli.dev;

import static dev.episodic.cli.LinesFixture.range;
import static org.assertj.core.api.Assertions.assertThat;

import dev.episodic.cli.Cli;
import dev.episodic.cli.CliProcess;
import dev.episodic.cli.LinesFixture;
import dev.episodic.cli.tail.CommittedTail;
import dev.episodic.connect.common.event.EpisodicEvent;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * `episodic dev` as a user runs it: its own JVM starts a KRaft broker and a distributed worker (two more JVMs),
 * deploys a connector over REST, a read_committed consumer sees its events; Ctrl-C stops all of it, and starting
 * again on the same data folder resumes the connector where it was. Then `episodic quickstart --ci` on that data.
 */
class DevClusterIT {
    private static final String TOPIC = "episodic.dev-it";

    @TempDir
    Path dir;

    @Test
    void startsDeploysStopsAndResumes() throws Exception {
        LinesFixture fx = new LinesFixture(dir);
        fx.append("a.log", 1, 3);
        fx.append("b.log", 1, 2);
        Path config = fx.config("lines-dev", Map.of("topic", TOPIC), "a.log", "b.log");
        Path plugins = LinesPlugin.create(dir.resolve("plugins"));
        int kafka = freePort();
        int controller = freePort();
        int rest = freePort();
        List<String> common = List.of("--data-dir", dir.resolve("dev").toString(), "--kafka-port", Integer.toString(kafka),
                "--controller-port", Integer.toString(controller), "--rest-port", Integer.toString(rest),
                "--plugin-path", plugins.toString(), "--kafka-classpath", System.getProperty("episodic.kafka.classpath"));
        String bootstrap = "127.0.0.1:" + kafka;

        List<String> first = new ArrayList<>(List.of("dev", "--deploy", config.toString()));
        first.addAll(common);
        try (CliProcess dev = CliProcess.start(dir, "dev-1", first)) {
            awaitOutput(dev, "Deployed lines-dev");
            assertThat(Files.readString(dev.stdoutFile())).contains("Kafka bootstrap: " + bootstrap)
                    .contains("Connect REST:    http://127.0.0.1:" + rest);
            List<EpisodicEvent> events = readCommitted(bootstrap, 5);
            assertThat(LinesFixture.sequences(events)).containsEntry("lines:a.log", range(1, 3)).containsEntry("lines:b.log", range(1, 2));
            dev.signal("INT");
            assertThat(dev.awaitExit(90)).as(dev.stderr()).isIn(0, 130);
        }
        assertThat(portFree(kafka) && portFree(rest)).as("broker and worker stopped with the CLI").isTrue();

        fx.append("a.log", 4, 2);
        List<String> second = new ArrayList<>(List.of("dev"));
        second.addAll(common);
        try (CliProcess dev = CliProcess.start(dir, "dev-2", second)) {
            awaitOutput(dev, "Ctrl-C stops the cluster");
            // Same data folder: the connector is still deployed and continues from its committed offsets.
            List<EpisodicEvent> events = readCommitted(bootstrap, 7);
            assertThat(LinesFixture.sequences(events)).containsEntry("lines:a.log", range(1, 5)).containsEntry("lines:b.log", range(1, 2));
            dev.signal("INT");
            assertThat(dev.awaitExit(90)).as(dev.stderr()).isIn(0, 130);
        }

        List<String> quick = new ArrayList<>(List.of("quickstart", "--ci", "--config", config.toString(), "--events", "6", "--timeout", "240s"));
        quick.addAll(common);
        Cli.Result result = Cli.run(quick);
        assertThat(result.code()).as(result.toString()).isZero();
        assertThat(result.out().lines().filter(l -> l.startsWith("lines:"))).hasSize(6);
        assertThat(result.out()).contains("lines:b.log", "a.log line 4", "Next: curl http://127.0.0.1:" + rest + "/connectors/lines-dev/status");
        assertThat(result.err()).contains("Cluster up").contains("First event").contains("Peak memory (RSS): broker");
        assertThat(portFree(kafka) && portFree(rest)).isTrue();
    }

    private static List<EpisodicEvent> readCommitted(final String bootstrap, final int expected) {
        List<EpisodicEvent> events = new ArrayList<>();
        try (CommittedTail tail = new CommittedTail(bootstrap, TOPIC, null, 0)) {
            long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
            tail.run(true, Duration.ofSeconds(120), () -> events.size() < expected && System.nanoTime() < deadline, events::add);
        }
        // Anything beyond `expected` committed a moment later would be a duplicate: look once more.
        try (CommittedTail tail = new CommittedTail(bootstrap, TOPIC, null, 0)) {
            List<EpisodicEvent> all = new ArrayList<>();
            tail.run(false, Duration.ofSeconds(10), () -> true, all::add);
            assertThat(all).hasSize(expected);
            return all;
        }
    }

    private static void awaitOutput(final CliProcess p, final String text) {
        Awaitility.await(text).atMost(Duration.ofSeconds(240)).pollInterval(Duration.ofMillis(250)).until(() -> {
            if (!p.isAlive()) {
                throw new AssertionError("episodic dev exited: " + p.stderr() + Files.readString(p.stdoutFile()));
            }
            return Files.readString(p.stdoutFile()).contains(text);
        });
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static boolean portFree(final int port) {
        try (ServerSocket s = new ServerSocket(port, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
