package dev.episodic.cli.run;

import dev.episodic.cli.ConnectorLoader;
import dev.episodic.cli.ConnectorRequest;
import dev.episodic.cli.Main;
import dev.episodic.cli.UsageException;
import dev.episodic.connect.common.store.SqliteCursorStore;
import java.io.FileOutputStream;
import java.io.FileDescriptor;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.Callable;
import org.apache.kafka.connect.source.SourceConnector;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code episodic run}: one connector, in this process, cursors in SQLite, events to JSON lines or Kafka. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Run a connector standalone from the REST JSON a cluster takes ({\"name\":…,\"config\":{…}} "
                + "or the bare config map).",
                "Cursors come from and go to a SQLite file; a cursor is saved only after the events before it were "
                        + "written and flushed. A second run emits only what is new.",
                "Stops cleanly on Ctrl-C: the batch in hand is written and its cursors saved."})
public final class RunCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "CONFIG.json", description = "The connector's REST JSON.")
    Path config;

    @Option(names = "--cursors", paramLabel = "FILE", defaultValue = ".episodic/cursors.db",
            description = "SQLite cursor store (default: ${DEFAULT-VALUE}).")
    Path cursors;

    @Option(names = "--output", paramLabel = "FILE|-", defaultValue = "-",
            description = "Append JSON lines to FILE, or '-' for stdout (default).")
    String output;

    @Option(names = "--kafka", paramLabel = "BOOTSTRAP",
            description = "Send events to the config's topic on this Kafka cluster (idempotent producer) instead of JSON lines.")
    String kafka;

    @Option(names = "--once", description = "Do one sync and exit (default: keep polling until Ctrl-C).")
    boolean once;

    @Option(names = "--plugin-path", paramLabel = "DIR", split = ",",
            description = "Plugin folders to load connectors from, besides the classpath (default: the suite's, set by ./episodic).")
    List<Path> pluginPath;

    @Override
    public Integer call() throws Exception {
        if (kafka != null && !"-".equals(output)) {
            throw new UsageException("--kafka and --output are alternatives; give one of them");
        }
        ConnectorRequest request = ConnectorRequest.read(config);
        SourceConnector connector = new ConnectorLoader(pluginPath == null ? ConnectorLoader.defaultPluginPath() : pluginPath)
                .load(request.connectorClass());
        // Before anything is opened or created: a bad config leaves no empty output file or cursor store behind.
        StandaloneRun.validate(connector, request);
        // Ctrl-C runs the hook below: it asks the run to stop and holds the JVM until the batch in hand is written,
        // its cursors saved, the store and sink closed and the summary printed.
        CountDownLatch done = new CountDownLatch(1);
        StopSwitch stopSwitch = new StopSwitch();
        Thread onCtrlC = new Thread(() -> {
            stopSwitch.stop();
            try {
                done.await(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "episodic-run-shutdown");
        Runtime.getRuntime().addShutdownHook(onCtrlC);
        try (SqliteCursorStore store = SqliteCursorStore.open(cursors);
             EventSink sink = openSink()) {
            StandaloneRun run = new StandaloneRun(request, connector, store, sink, once);
            stopSwitch.attach(run);
            StandaloneRun.RunSummary summary = run.run();
            spec.commandLine().getErr().printf("episodic run: %d event(s) from source '%s' to %s%s; cursors in %s%n",
                    summary.events(), request.sourceId(), sink.describe(), summary.interrupted() ? " (stopped)" : "",
                    store.file());
            spec.commandLine().getErr().flush();
            return Main.OK;
        } finally {
            removeHook(onCtrlC);
            done.countDown();
        }
    }

    private EventSink openSink() throws Exception {
        if (kafka != null) {
            return new KafkaSink(kafka, java.util.Map.of());
        }
        if ("-".equals(output)) {
            return JsonLinesSink.toStream(new FileOutputStream(FileDescriptor.out), "stdout");
        }
        return JsonLinesSink.appendTo(Path.of(output));
    }

    /** Connects Ctrl-C to the run, even when it comes before the run exists. */
    private static final class StopSwitch {
        private StandaloneRun run;
        private boolean stopped;

        synchronized void attach(final StandaloneRun r) {
            this.run = r;
            if (stopped) {
                r.stop();
            }
        }

        synchronized void stop() {
            stopped = true;
            if (run != null) {
                run.stop();
            }
        }
    }

    private static void removeHook(final Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException alreadyShuttingDown) {
            // The hook is running (Ctrl-C); it waits for this run to finish, which it now has.
        }
    }
}
