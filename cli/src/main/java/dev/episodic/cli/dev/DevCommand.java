package dev.episodic.cli.dev;

import dev.episodic.cli.ConnectorRequest;
import dev.episodic.cli.Main;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code episodic dev}: a local Kafka (KRaft) broker and a distributed Connect worker with exactly-once on. */
@Command(name = "dev", mixinStandardHelpOptions = true,
        description = {"Start a real local cluster: a Kafka broker in KRaft mode and a Connect worker in distributed "
                + "mode with exactly-once source support, both on 127.0.0.1, with the suite's plugins loaded.",
                "Data stays in the data folder, so stopping (Ctrl-C) and starting again resumes. No Docker needed."})
public final class DevCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    DevOptions options;

    @Option(names = "--deploy", paramLabel = "CONFIG.json", description = "REST JSON of a connector to create or update once the worker is up; repeatable.")
    List<Path> deploy = List.of();

    @Override
    public Integer call() throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        List<ConnectorRequest> requests = deploy.stream().map(ConnectorRequest::read).toList();
        DevCluster cluster = new DevCluster(options.settings());
        try (RunningCluster running = new RunningCluster(cluster)) {
            err.println("Starting Kafka (KRaft) and Connect (distributed, exactly-once) in " + options.settings().dataDir() + " ...");
            err.flush();
            cluster.start(options.startTimeout());
            PrintWriter out = spec.commandLine().getOut();
            out.println("Kafka bootstrap: " + cluster.settings().bootstrap());
            out.println("Connect REST:    " + cluster.settings().restUrl());
            for (ConnectorRequest request : requests) {
                cluster.rest().deploy(request, Duration.ofSeconds(60));
                out.println("Deployed " + request.name() + " (" + request.connectorClass() + ")");
            }
            out.println("Logs in " + cluster.logFile("connect").getParent() + ". Ctrl-C stops the cluster.");
            out.flush();
            Optional<String> failure = running.awaitStopOrFailure();
            if (failure.isPresent()) {
                err.println("episodic dev: " + failure.get());
                return Main.FAILED;
            }
            running.printStopping(err);
            return Main.OK;
        }
    }
}
