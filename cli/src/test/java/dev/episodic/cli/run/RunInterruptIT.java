package dev.episodic.cli.run;

import static dev.episodic.cli.LinesFixture.range;
import static dev.episodic.cli.LinesFixture.readEvents;
import static org.assertj.core.api.Assertions.assertThat;

import dev.episodic.cli.Cli;
import dev.episodic.cli.CliProcess;
import dev.episodic.cli.LinesFixture;
import dev.episodic.connect.common.event.EpisodicEvent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A long `episodic run` stopped from outside, then resumed: Ctrl-C (SIGINT) stops cleanly with neither gap nor
 * repeat; a crash (SIGKILL) may repeat the last batch (same coordinate and event_id) but never leaves a gap.
 */
class RunInterruptIT {
    private static final int LINES = 10_000;

    @TempDir
    Path dir;
    LinesFixture fx;
    Path config;
    Path db;
    Path out;

    @BeforeEach
    void setUp() throws Exception {
        fx = new LinesFixture(dir);
        fx.append("big.log", 1, LINES);
        fx.append("small.log", 1, 5);
        // Small batches: many cursor saves, so the signal lands mid-run.
        config = fx.config("lines-interrupt", Map.of("batch.max.events", "20"), "big.log", "small.log");
        db = dir.resolve("cursors.db");
        out = dir.resolve("events.jsonl");
    }

    @Test
    void ctrlCStopsCleanlyAndTheNextRunResumesWithNoGapAndNoRepeat() throws Exception {
        interruptMidRun("INT");
        List<EpisodicEvent> firstPart = readEvents(out);

        Cli.Result resumed = Cli.run("run", config.toString(), "--cursors", db.toString(), "--output", out.toString(), "--once");
        assertThat(resumed.code()).as(resumed.toString()).isZero();
        List<EpisodicEvent> all = readEvents(out);
        assertThat(all.size()).isGreaterThan(firstPart.size());
        Map<String, List<Long>> byStream = bySequence(all);
        assertThat(byStream.get("lines:big.log")).isEqualTo(range(1, LINES));
        assertThat(byStream.get("lines:small.log")).isEqualTo(range(1, 5));
    }

    @Test
    void crashMayRepeatTheLastBatchButNeverLeavesAGap() throws Exception {
        interruptMidRun("KILL");
        Cli.Result resumed = Cli.run("run", config.toString(), "--cursors", db.toString(), "--output", out.toString(), "--once");
        assertThat(resumed.code()).as(resumed.toString()).isZero();
        List<EpisodicEvent> all = readEvents(out);
        Map<String, TreeSet<Long>> distinct = new LinkedHashMap<>();
        Map<String, EpisodicEvent> byCoordinate = new LinkedHashMap<>();
        for (EpisodicEvent e : all) {
            distinct.computeIfAbsent(e.stream(), s -> new TreeSet<>()).add(e.sequence());
            EpisodicEvent earlier = byCoordinate.putIfAbsent(e.stream() + "#" + e.sequence(), e);
            if (earlier != null) {
                // A repeat is the same event: consumers drop it by (stream, sequence) or event_id.
                assertThat(e.eventId()).isEqualTo(earlier.eventId());
                assertThat(e.content()).isEqualTo(earlier.content());
            }
        }
        assertThat(new ArrayList<>(distinct.get("lines:big.log"))).isEqualTo(range(1, LINES));
        assertThat(new ArrayList<>(distinct.get("lines:small.log"))).isEqualTo(range(1, 5));
        assertThat(all.size() - LINES - 5).as("repeated events").isLessThanOrEqualTo(20);
    }

    private void interruptMidRun(final String signal) throws Exception {
        try (CliProcess run = CliProcess.start(dir, "run-" + signal, List.of("run", config.toString(), "--cursors",
                db.toString(), "--output", out.toString()))) {
            Awaitility.await("some events written").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(20))
                    .until(() -> !run.isAlive() || Files.exists(out) && Files.size(out) > 50_000);
            assertThat(run.isAlive()).as("still running when signalled; stderr: %s", run.stderr()).isTrue();
            run.signal(signal);
            int code = run.awaitExit(60);
            if ("INT".equals(signal)) {
                assertThat(run.stderr()).as("exit %d", code).contains("(stopped)");
            }
        }
        assertThat(readEvents(out).size()).as("stopped mid-run").isBetween(1, LINES - 1);
    }

    /** Sequences of each stream in output order. */
    private static Map<String, List<Long>> bySequence(final List<EpisodicEvent> events) {
        return LinesFixture.sequences(events);
    }
}
