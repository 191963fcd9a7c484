package dev.episodic.cli.tail;

import dev.episodic.cli.Main;
import dev.episodic.cli.cursors.DurationParser;
import dev.episodic.connect.common.event.EventJson;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code episodic tail}: committed events of a topic as JSON lines, filtered by stream and sequence. */
@Command(name = "tail", mixinStandardHelpOptions = true,
        description = {"Print committed events (isolation.level=read_committed) of a topic as JSON lines.",
                "Without --follow it stops at the end of what is committed now."})
public final class TailCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--bootstrap", required = true, paramLabel = "ADDR", description = "Kafka bootstrap servers, e.g. 127.0.0.1:9092.")
    String bootstrap;

    @Option(names = "--topic", required = true, paramLabel = "T", description = "The topic to read.")
    String topic;

    @Option(names = "--stream", paramLabel = "S", description = "Only this stream.")
    String stream;

    @Option(names = "--after", paramLabel = "SEQ", defaultValue = "0", description = "Only sequences greater than SEQ (default: ${DEFAULT-VALUE}).")
    long after;

    @Option(names = "--follow", description = "Keep printing new events until Ctrl-C.")
    boolean follow;

    @Option(names = "--wait-for-topic", paramLabel = "DURATION", defaultValue = "10s", converter = DurationParser.Converter.class,
            description = "How long to wait for the topic to exist (default: ${DEFAULT-VALUE}).")
    Duration topicWait;

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        CountDownLatch done = new CountDownLatch(1);
        try (CommittedTail tail = new CommittedTail(bootstrap, topic, stream, after)) {
            Thread onCtrlC = new Thread(() -> {
                tail.wakeup();
                try {
                    done.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "episodic-tail-shutdown");
            Runtime.getRuntime().addShutdownHook(onCtrlC);
            try {
                tail.run(follow, topicWait, () -> true, event -> {
                    out.println(EventJson.toJson(event));
                    out.flush();
                });
            } finally {
                try {
                    Runtime.getRuntime().removeShutdownHook(onCtrlC);
                } catch (IllegalStateException shuttingDown) {
                    // Ctrl-C: the hook waits for `done` below.
                }
            }
        } finally {
            done.countDown();
        }
        return Main.OK;
    }
}
