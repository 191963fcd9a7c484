package dev.episodic.cli.tail;

import dev.episodic.cli.Main;
import dev.episodic.cli.UsageException;
import dev.episodic.cli.cursors.DurationParser;
import dev.episodic.connect.common.event.EventJson;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code episodic tail}: committed events of a topic as JSON lines, filtered by stream and sequence. */
@Command(name = "tail", mixinStandardHelpOptions = true,
        description = {"Print committed events (isolation.level=read_committed) of a topic as JSON lines.",
                "With --stream it seeks to --after by sequence (no scan of the partition) and checks sequences.",
                "Without --follow it stops at the end of what is committed now."})
public final class TailCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--bootstrap", required = true, paramLabel = "ADDR", description = "Kafka bootstrap servers, e.g. 127.0.0.1:9092.")
    String bootstrap;

    @Option(names = "--topic", required = true, paramLabel = "T", description = "The topic to read.")
    String topic;

    @Option(names = "--stream", paramLabel = "S", description = "Only this stream (found by its key's partition and by sequence).")
    String stream;

    @Option(names = "--after", paramLabel = "SEQ", defaultValue = "0", description = "Only sequences greater than SEQ (default: ${DEFAULT-VALUE}).")
    long after;

    @Option(names = "--before", paramLabel = "SEQ", description = "Only sequences smaller than SEQ.")
    Long before;

    @Option(names = "--limit", paramLabel = "N", description = "Print at most N events, then stop.")
    Long limit;

    @Option(names = "--follow", description = "Keep printing new events until Ctrl-C (or --wait, --before, --limit).")
    boolean follow;

    @Option(names = "--wait", paramLabel = "MS",
            description = "With --follow: stop once no new event has been committed for MS milliseconds.")
    Long waitMs;

    @Option(names = "--on-gap", paramLabel = "ACTION", defaultValue = "warn", converter = GapAction.Converter.class,
            description = "With --stream, when sequences are missing: warn (a line on stderr, go on) or fail (exit 1). "
                    + "Repeated sequences are always dropped. Default: ${DEFAULT-VALUE}.")
    GapAction onGap;

    @Option(names = "--wait-for-topic", paramLabel = "DURATION", defaultValue = "10s", converter = DurationParser.Converter.class,
            description = "How long to wait for the topic to exist (default: ${DEFAULT-VALUE}).")
    Duration topicWait;

    @Override
    public Integer call() throws InterruptedException {
        TailRange range = TailRange.of(after, before, limit);
        Duration idleWait = idleWait();
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        CountDownLatch done = new CountDownLatch(1);
        if (stream != null) {
            try (StreamTail tail = new StreamTail(bootstrap, topic, stream, onGap.policy(err))) {
                withCtrlC(tail::wakeup, done, () -> tail.run(range, follow, idleWait, topicWait, () -> true, event -> {
                    out.println(event.json());
                    out.flush();
                }));
            } finally {
                done.countDown();
            }
        } else {
            try (CommittedTail tail = new CommittedTail(bootstrap, topic, null, 0)) {
                withCtrlC(tail::wakeup, done, () -> tail.run(range, follow, idleWait, topicWait, () -> true, event -> {
                    out.println(EventJson.toJson(event));
                    out.flush();
                }));
            } finally {
                done.countDown();
            }
        }
        return Main.OK;
    }

    private Duration idleWait() {
        if (waitMs == null) {
            return null;
        }
        if (!follow) {
            throw new UsageException("--wait only applies with --follow (without it, tail stops at the committed end)");
        }
        if (waitMs <= 0) {
            throw new UsageException("--wait must be a positive number of milliseconds, got " + waitMs);
        }
        return Duration.ofMillis(waitMs);
    }

    /** Runs {@code work}; Ctrl-C wakes the blocked consumer and lets the tail return what it printed. */
    private static void withCtrlC(final Runnable wakeup, final CountDownLatch done, final Runnable work) {
        Thread onCtrlC = new Thread(() -> {
            wakeup.run();
            try {
                done.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "episodic-tail-shutdown");
        Runtime.getRuntime().addShutdownHook(onCtrlC);
        try {
            work.run();
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(onCtrlC);
            } catch (IllegalStateException shuttingDown) {
                // Ctrl-C: the hook waits for `done`, counted down once the tail is closed.
            }
        }
    }
}
