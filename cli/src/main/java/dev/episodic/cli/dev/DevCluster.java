package dev.episodic.cli.dev;

import dev.episodic.cli.UsageException;
import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.common.Uuid;

/**
 * A real local cluster as two JVMs: a Kafka broker in KRaft mode (broker and controller in one process) and a
 * Connect worker in distributed mode with exactly-once source support, both bound to 127.0.0.1. Everything lives
 * in the data folder, so stopping and starting again resumes where it was: topics, connector configs, offsets.
 */
public final class DevCluster implements AutoCloseable {
    private static final String BROKER_MAIN = "kafka.Kafka";
    private static final String STORAGE_TOOL = "kafka.tools.StorageTool";
    private static final String CONNECT_MAIN = "org.apache.kafka.connect.cli.ConnectDistributed";

    private final DevSettings settings;
    private final Path kafkaDir;
    private final Path logsDir;
    /** Guards the processes against a Ctrl-C that arrives while they are being started. */
    private final Object lifecycle = new Object();
    private volatile boolean closing;
    private Process format;
    private Process broker;
    private Process connect;

    public DevCluster(final DevSettings settings) {
        this.settings = settings;
        this.kafkaDir = settings.dataDir().resolve("kafka");
        this.logsDir = settings.dataDir().resolve("logs");
    }

    public DevSettings settings() {
        return settings;
    }

    public ConnectRest rest() {
        return new ConnectRest(settings.restUrl());
    }

    /** Starts the broker, then the worker, and returns when both answer; fails with the log's tail otherwise. */
    public void start(final Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        for (int port : List.of(settings.kafkaPort(), settings.controllerPort(), settings.restPort())) {
            requireFree(port);
        }
        Files.createDirectories(logsDir);
        Path log4j = writeLog4j();
        Path server = write(kafkaDir.resolve("server.properties"), DevConfigs.broker(settings, kafkaDir.resolve("data")));
        Path worker = write(settings.dataDir().resolve("connect").resolve("worker.properties"), DevConfigs.worker(settings));
        formatIfNew(server, log4j);
        synchronized (lifecycle) {
            requireNotClosing();
            broker = launch("broker", BROKER_MAIN, log4j, List.of(server.toString()));
        }
        awaitBroker(deadline);
        synchronized (lifecycle) {
            requireNotClosing();
            connect = launch("connect", CONNECT_MAIN, log4j, List.of(worker.toString()));
        }
        ConnectRest rest = rest();
        while (!rest.ready()) {
            requireNotClosing();
            checkAlive(connect, "connect");
            checkAlive(broker, "broker");
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("The Connect worker did not answer on " + settings.restUrl() + " within "
                        + timeout.toSeconds() + " s; its log: " + logTail("connect"));
            }
            Thread.sleep(250);
        }
    }

    /** Empty while both run (or while stopping); otherwise which process ended and the end of its log. */
    public Optional<String> failure() {
        if (closing) {
            return Optional.empty();
        }
        for (Map.Entry<String, Process> p : Map.of("broker", broker, "connect", connect).entrySet()) {
            if (p.getValue() != null && !p.getValue().isAlive()) {
                return Optional.of("The " + p.getKey() + " process exited with " + p.getValue().exitValue() + ": " + logTail(p.getKey()));
            }
        }
        return Optional.empty();
    }

    /** Peak resident memory (VmHWM) of the broker and worker JVMs in MiB, where /proc offers it. */
    public Map<String, Long> peakRssMib() {
        Map<String, Long> result = new java.util.LinkedHashMap<>();
        for (Map.Entry<String, Process> p : List.of(Map.entry("broker", broker), Map.entry("connect", connect))) {
            if (p.getValue() != null) {
                ProcStatus.peakRssKib(p.getValue().pid()).ifPresent(kib -> result.put(p.getKey(), kib / 1024));
            }
        }
        return result;
    }

    public Path logFile(final String role) {
        return logsDir.resolve(role + ".log");
    }

    /**
     * Stops the worker first (so it commits what it has), then the broker; each gets 30 s before a hard kill. Safe
     * from any thread, also while {@link #start} runs (it then fails fast and starts nothing more), and repeatable.
     */
    @Override
    public void close() {
        Process f;
        Process c;
        Process b;
        synchronized (lifecycle) {
            closing = true;
            f = format;
            c = connect;
            b = broker;
        }
        stop(f);
        stop(c);
        stop(b);
    }

    private void requireNotClosing() {
        if (closing) {
            throw new IllegalStateException("The dev cluster was stopped while it was starting");
        }
    }

    private static void stop(final Process p) {
        if (p == null || !p.isAlive()) {
            return;
        }
        p.destroy();
        try {
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private void formatIfNew(final Path server, final Path log4j) throws IOException, InterruptedException {
        Path meta = kafkaDir.resolve("data").resolve("meta.properties");
        if (Files.exists(meta)) {
            return;
        }
        // The cluster id is generated here rather than with `StorageTool random-uuid`, whose stdout would need parsing.
        String clusterId = Uuid.randomUuid().toString();
        synchronized (lifecycle) {
            requireNotClosing();
            format = launch("format", STORAGE_TOOL, log4j,
                    List.of("format", "--standalone", "-t", clusterId, "-c", server.toString()));
        }
        if (!format.waitFor(120, TimeUnit.SECONDS)) {
            format.destroyForcibly();
            throw new IllegalStateException("Formatting the KRaft storage took over 2 minutes; see " + logFile("format"));
        }
        requireNotClosing();
        if (format.exitValue() != 0) {
            throw new IllegalStateException("Formatting the KRaft storage failed: " + logTail("format"));
        }
    }

    private void awaitBroker(final long deadline) throws InterruptedException {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrap());
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "3000");
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "5000");
        try (Admin admin = Admin.create(props)) {
            while (true) {
                requireNotClosing();
                checkAlive(broker, "broker");
                try {
                    admin.describeCluster(new DescribeClusterOptions().timeoutMs(3000)).nodes().get(5, TimeUnit.SECONDS);
                    return;
                } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                    if (System.nanoTime() > deadline) {
                        throw new IllegalStateException("The broker did not answer on " + settings.bootstrap() + "; its log: "
                                + logTail("broker"), e);
                    }
                    Thread.sleep(250);
                }
            }
        }
    }

    private Process launch(final String role, final String mainClass, final Path log4j, final List<String> args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx" + settings.heap());
        command.add("-XX:+UseG1GC");
        command.add("-Djava.awt.headless=true");
        command.add("-Dlog4j2.configurationFile=" + log4j.toUri());
        command.add("-cp");
        command.add(String.join(File.pathSeparator, settings.kafkaClasspath()));
        command.add(mainClass);
        command.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile(role).toFile()));
        // The child must not inherit the CLI's own classpath through the environment.
        pb.environment().remove("CLASSPATH");
        return pb.start();
    }

    private void checkAlive(final Process p, final String role) {
        if (p != null && !p.isAlive()) {
            throw new IllegalStateException("The " + role + " process exited with " + p.exitValue() + ": " + logTail(role));
        }
    }

    /** The last lines of a process log, for error messages. */
    public String logTail(final String role) {
        Path file = logFile(role);
        try {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            return "\n" + lines.subList(Math.max(0, lines.size() - 25), lines.size()).stream()
                    .collect(Collectors.joining("\n")) + "\n(full log: " + file + ")";
        } catch (IOException e) {
            return "(no log at " + file + ")";
        }
    }

    private static void requireFree(final int port) {
        try (ServerSocket s = new ServerSocket()) {
            s.setReuseAddress(true);
            s.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), port));
        } catch (IOException e) {
            throw new UsageException("Port " + port + " on 127.0.0.1 is in use (another `episodic dev`?); stop that process "
                    + "or choose other ports with --kafka-port/--controller-port/--rest-port");
        }
    }

    private Path writeLog4j() throws IOException {
        return write(settings.dataDir().resolve("log4j2.xml"), DevConfigs.log4j());
    }

    private static Path write(final Path file, final String content) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, content, StandardCharsets.UTF_8);
        return file;
    }
}
