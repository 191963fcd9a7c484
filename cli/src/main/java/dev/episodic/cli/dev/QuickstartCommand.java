package dev.episodic.cli.dev;

import dev.episodic.cli.ConnectorRequest;
import dev.episodic.cli.Main;
import dev.episodic.cli.cursors.DurationParser;
import dev.episodic.cli.tail.CommittedTail;
import dev.episodic.connect.common.event.EpisodicEvent;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code episodic quickstart}: the dev cluster, the git connector deployed on a repository (this one by
 * default), and the first committed events printed as they arrive.
 */
@Command(name = "quickstart", mixinStandardHelpOptions = true,
        description = {"Start the dev cluster, deploy the git connector on a repository (default: this clone) and "
                + "print the first events as they are committed to Kafka.",
                "Interactive by default (runs until Ctrl-C); --ci exits after --events events, or fails after --timeout."})
public final class QuickstartCommand implements Callable<Integer> {
    static final String GIT_CONNECTOR = "dev.episodic.connect.filesystem.GitCommitSourceConnector";
    static final String GIT_TOPIC = "episodic.git";
    static final String NAME = "quickstart-git";

    @Spec
    CommandSpec spec;

    @Mixin
    DevOptions options;

    @Option(names = "--repo", paramLabel = "DIR", description = "Git repository to read (default: the episodic clone, or the current folder).")
    Path repo;

    @Option(names = "--config", paramLabel = "CONFIG.json", description = "Deploy this connector instead of the git connector.")
    Path config;

    @Option(names = "--events", defaultValue = "5", description = "How many events to print (default: ${DEFAULT-VALUE}).")
    int events;

    @Option(names = "--ci", description = "Non-interactive: stop the cluster and exit 0 after --events events, exit 1 on timeout.")
    boolean ci;

    @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "300s", converter = DurationParser.Converter.class,
            description = "Longest wait from start to the last of --events events (default: ${DEFAULT-VALUE}).")
    Duration timeout;

    @Override
    public Integer call() throws Exception {
        long started = System.nanoTime();
        long deadline = started + timeout.toNanos();
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        ConnectorRequest request = config != null ? ConnectorRequest.read(config) : gitRequest();
        String topic = request.config().getOrDefault("topic", GIT_TOPIC);
        DevCluster cluster = new DevCluster(options.settings());
        try (RunningCluster running = new RunningCluster(cluster)) {
            err.println("Starting Kafka (KRaft) and Connect (distributed, exactly-once) in " + options.settings().dataDir() + " ...");
            err.flush();
            cluster.start(options.startTimeout());
            err.printf("Cluster up %.1f s after start%n", (System.nanoTime() - started) / 1e9);
            err.flush();
            out.println("Kafka bootstrap: " + cluster.settings().bootstrap());
            out.println("Connect REST:    " + cluster.settings().restUrl());
            cluster.rest().deploy(request, remaining(deadline));
            out.println("Deployed " + request.name() + " (" + request.connectorClass() + "); first committed events on " + topic + ":");
            out.flush();
            AtomicLong printed = new AtomicLong();
            try (CommittedTail tail = new CommittedTail(cluster.settings().bootstrap(), topic, null, 0)) {
                tail.run(true, remaining(deadline),
                        () -> printed.get() < events && System.nanoTime() < deadline && !running.stopRequested()
                                && cluster.failure().isEmpty(),
                        event -> {
                            // One poll can bring more than asked for; print exactly --events.
                            if (printed.get() >= events) {
                                return;
                            }
                            if (printed.incrementAndGet() == 1) {
                                err.printf("First event %.1f s after start%n", (System.nanoTime() - started) / 1e9);
                                err.flush();
                            }
                            out.println(line(event));
                            out.flush();
                        });
            }
            if (running.stopRequested()) {
                running.printStopping(err);
                return Main.OK;
            }
            if (printed.get() < events) {
                err.println("episodic quickstart: only " + printed.get() + " of " + events + " events within " + timeout.toSeconds()
                        + " s; connector " + request.name() + ": " + cluster.rest().status(request.name())
                        + cluster.failure().map(f -> "; " + f).orElse("; worker log: " + cluster.logTail("connect")));
                return Main.FAILED;
            }
            out.println();
            out.println("Next: curl " + cluster.settings().restUrl() + "/connectors/" + request.name() + "/status");
            out.println("      ./episodic tail --bootstrap " + cluster.settings().bootstrap() + " --topic " + topic + " --follow");
            out.flush();
            Map<String, Long> rss = cluster.peakRssMib();
            if (!rss.isEmpty()) {
                err.println("Peak memory (RSS): " + rss.entrySet().stream().map(e -> e.getKey() + " " + e.getValue() + " MiB")
                        .reduce((a, b) -> a + ", " + b).orElse("") + ", total " + rss.values().stream().mapToLong(Long::longValue).sum() + " MiB");
            }
            if (ci) {
                running.printStopping(err);
                return Main.OK;
            }
            out.println("The cluster keeps running; Ctrl-C stops it.");
            out.flush();
            Optional<String> failure = running.awaitStopOrFailure();
            if (failure.isPresent()) {
                err.println("episodic quickstart: " + failure.get());
                return Main.FAILED;
            }
            running.printStopping(err);
            return Main.OK;
        }
    }

    private ConnectorRequest gitRequest() {
        Path repository = repo != null ? repo
                : Path.of(System.getProperty("episodic.home", System.getProperty("user.dir")));
        Map<String, String> config = new LinkedHashMap<>();
        config.put(ConnectorRequest.CONNECTOR_CLASS, GIT_CONNECTOR);
        config.put(ConnectorRequest.TASKS_MAX, "1");
        config.put("git.repositories", repository.toAbsolutePath().normalize().toString());
        config.put("topic", GIT_TOPIC);
        config.put(ConnectorRequest.NAME, NAME);
        return new ConnectorRequest(NAME, config);
    }

    private static String line(final EpisodicEvent e) {
        return String.format("%-28s #%-5d %-12s %s", e.stream(), e.sequence(), e.eventType(),
                e.subject() != null ? e.subject() : e.content() != null ? e.content().lines().findFirst().orElse("") : e.eventId());
    }

    private static Duration remaining(final long deadline) {
        return Duration.ofNanos(Math.max(1_000_000_000L, deadline - System.nanoTime()));
    }
}
