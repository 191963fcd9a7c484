package dev.episodic.connect.apilog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.episodic.connect.common.event.EpisodicEvent;
import dev.episodic.connect.common.metrics.TaskMetrics;
import dev.episodic.connect.common.task.EventBatch;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The read-ahead thread: both threads parse, and the events still come in file order; an I/O error on one file
 * backs off that file alone; stop() ends the thread; offsets stay at the last line handed over even when more was
 * read ahead; files appearing later are each read by exactly one of the connector's tasks.
 */
class ReadAheadTest {
    @TempDir
    Path dir;

    @Test
    void bothThreadsParseAndEveryLineArrivesInFileOrder() throws Exception {
        Path log = dir.resolve("access.log");
        StringBuilder text = new StringBuilder();
        for (int n = 0; n < 60_000; n++) {
            // Every 1,000th line does not parse: unparsed events must keep their place too.
            text.append(n % 1_000 == 999 ? "garbage " + n + "\n" : LogLines.line(n));
        }
        LogLines.append(log, text.toString());
        try (TaskHarness h = new TaskHarness(Map.of("apilog.paths", log.toString(), "batch.max.events", "2000"))) {
            // Let the reader fill its queue first, so it parses while the task is not polling.
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (h.task().chunksParsed()[0] == 0 && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            h.drain();
            long[] parsed = h.task().chunksParsed();
            assertThat(parsed[0]).as("chunks parsed by the reading thread").isPositive();
            assertThat(parsed[1]).as("chunks parsed by the task thread").isPositive();
            List<EpisodicEvent> events = h.events();
            assertThat(events).extracting(EpisodicEvent::sequence)
                    .containsExactlyElementsOf(java.util.stream.LongStream.rangeClosed(1, 60_000).boxed().toList());
            for (int n = 0; n < events.size(); n++) {
                EpisodicEvent e = events.get(n);
                if (n % 1_000 == 999) {
                    assertThat(e.eventType()).isEqualTo(ApiLogEvents.HTTP_REQUEST_UNPARSED);
                    assertThat(e.content()).isEqualTo("garbage " + n);
                } else {
                    assertThat(LogLines.numberOf(e)).isEqualTo(n);
                }
            }
            assertThat(h.task().unparsedLines()).isEqualTo(60);
        }
    }

    @Test
    void afterTheReaderFailedWhileParsingNothingMoreIsHandedOver() throws Exception {
        Path log = dir.resolve("access.log");
        LogLines.append(log, LogLines.lines(0, 20_000));
        ReadSettings settings = new ReadSettings(LogFormat.COMBINED, JsonFieldMapping.defaults(), 1 << 20,
                ReadSettings.DEFAULT_BUFFER_BYTES, true, 0);
        UnparsedLineLog unparsed = new UnparsedLineLog(TaskMetrics.unpublished(Clock.systemUTC()));
        // The first worker is the reading thread's; without a redactor it fails on its first line (a bug stand-in).
        Iterator<ApiLogEvents> events = List.of(new ApiLogEvents("s", true, null),
                new ApiLogEvents("s", true, new QueryRedactor(List.of("token")))).iterator();
        try (ReadAhead readAhead = new ReadAhead("t", Clock.systemUTC(), 100,
                () -> new LineWorker(settings, events.next(), unparsed), 64, 4)) {
            LogStream stream = new LogStream(log, settings);
            stream.open(Optional.empty(), false);
            readAhead.add(stream);
            readAhead.start();
            // The reader parses only once the queue is full, so chunks are queued behind the one it failed on.
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (readAhead.failure() == null && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            assertThat(readAhead.failure()).isInstanceOf(NullPointerException.class);
            for (int poll = 0; poll < 3; poll++) {
                EventBatch batch = new EventBatch("t", 1_000, Instant.now());
                readAhead.drainInto(batch, 50);
                assertThat(batch.size()).as("events handed over after the failure, poll %d", poll).isZero();
            }
        }
    }

    @Test
    void anIoErrorOnOneFileBacksOffThatFileOnlyAndTheOthersGoOn() throws Exception {
        Path good = dir.resolve("good.log");
        // A path that opens but cannot be read: reading a folder fails with "Is a directory".
        Path bad = Files.createDirectories(dir.resolve("bad.log"));
        LogLines.append(good, LogLines.lines(0, 10));
        try (TaskHarness h = new TaskHarness(Map.of("apilog.paths", bad + "," + good))) {
            h.drain();
            LogLines.append(good, LogLines.lines(10, 20));
            h.drain();
            assertThat(h.events()).extracting(LogLines::numberOf)
                    .containsExactlyElementsOf(java.util.stream.IntStream.range(0, 20).boxed().toList());
            assertThat(h.events()).extracting(EpisodicEvent::stream).containsOnly("apilog:" + good);
            // The task itself never backed off: only the unreadable file did.
            assertThat(h.task().retries()).isZero();
        }
    }

    @Test
    void stopEndsTheReadingThread() throws Exception {
        Path log = dir.resolve("access.log");
        LogLines.append(log, LogLines.lines(0, 5_000));
        TaskHarness h = new TaskHarness(Map.of("apilog.paths", log.toString(), "batch.max.events", "100"));
        ApiLogSourceTask task = h.task();
        h.pollOnce();
        assertThat(task.readerAlive()).isTrue();
        h.close();
        assertThat(task.readerAlive()).isFalse();
    }

    @Test
    void offsetIsAfterTheLastLineHandedOverNotAfterWhatWasReadAhead() throws Exception {
        Path log = dir.resolve("access.log");
        String lines = LogLines.lines(0, 20_000);
        LogLines.append(log, lines);
        try (TaskHarness h = new TaskHarness(Map.of("apilog.paths", log.toString(), "batch.max.events", "700"))) {
            List<EpisodicEvent> first = h.pollOnce();
            assertThat(first).hasSize(700);
            long expected = LogLines.lines(0, 700).getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
            Map<String, Object> offset = h.offsets().values().iterator().next();
            assertThat(offset.get("pos")).isEqualTo(expected);
            assertThat(offset.get("seq")).isEqualTo(700L);
            // Restart: the lines read ahead but not handed over are read again, nothing lost or repeated.
            h.restart();
            h.drain();
            assertThat(h.events()).extracting(EpisodicEvent::sequence)
                    .containsExactlyElementsOf(java.util.stream.LongStream.rangeClosed(1, 20_000).boxed().toList());
        }
    }

    @Test
    void newFilesAreEachPickedUpByExactlyOneOfTheTasks() throws Exception {
        Path logs = Files.createDirectories(dir.resolve("logs"));
        Map<String, String> base = new HashMap<>(Map.of("apilog.paths", logs + "/*.log",
                ApiLogConfig.TASK_COUNT, "2"));
        List<TaskHarness> tasks = new ArrayList<>();
        try {
            for (int i = 0; i < 2; i++) {
                Map<String, String> props = new HashMap<>(base);
                props.put(ApiLogConfig.TASK_INDEX, Integer.toString(i));
                props.put("name", "task" + i);
                tasks.add(new TaskHarness(props));
            }
            // Files that appear after both tasks started (no reconfiguration): each goes to one task by hash.
            for (int f = 0; f < 8; f++) {
                LogLines.append(logs.resolve("svc" + f + ".log"), LogLines.lines(0, 3));
            }
            Map<String, Integer> perStream = new HashMap<>();
            List<Set<String>> streamsOf = new ArrayList<>();
            for (TaskHarness t : tasks) {
                t.drain();
                streamsOf.add(t.events().stream().map(EpisodicEvent::stream).collect(Collectors.toSet()));
                t.events().forEach(e -> perStream.merge(e.stream(), 1, Integer::sum));
            }
            assertThat(perStream).hasSize(8).allSatisfy((stream, count) -> assertThat(count).isEqualTo(3));
            assertThat(streamsOf.get(0)).doesNotContainAnyElementsOf(streamsOf.get(1));
        } finally {
            tasks.forEach(TaskHarness::close);
        }
    }
}
