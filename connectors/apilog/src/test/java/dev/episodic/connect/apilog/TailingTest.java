package dev.episodic.connect.apilog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.episodic.connect.common.event.EpisodicEvent;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Following files: partial lines, growth, rename and copytruncate rotation, deletion, restarts, start=end. */
class TailingTest {
    @TempDir
    Path dir;

    private Map<String, String> config(final Path log, final String... more) {
        java.util.HashMap<String, String> props = new java.util.HashMap<>(Map.of("apilog.paths", log.toString()));
        for (int i = 0; i < more.length; i += 2) {
            props.put(more[i], more[i + 1]);
        }
        return props;
    }

    /** Every event is parsed, sequences are 1..n, ids unique, and the lines are exactly {@code expected}. */
    private static void assertLines(final List<EpisodicEvent> events, final int... expected) {
        assertThat(events.stream().filter(e -> !e.eventType().equals(ApiLogEvents.HTTP_REQUEST)).toList())
                .as("unparsed").isEmpty();
        assertThat(events).allSatisfy(e -> assertThat(e.eventType()).isEqualTo(ApiLogEvents.HTTP_REQUEST));
        assertThat(events.stream().map(LogLines::numberOf).toList())
                .containsExactlyElementsOf(IntStream.of(expected).boxed().toList());
        assertDense(events);
    }

    private static void assertDense(final List<EpisodicEvent> events) {
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < events.size(); i++) {
            assertThat(events.get(i).sequence()).as("sequence at position " + i).isEqualTo(i + 1L);
            assertThat(ids.add(events.get(i).eventId())).as("unique id " + events.get(i).eventId()).isTrue();
        }
    }

    private static int[] range(final int from, final int toExclusive) {
        return IntStream.range(from, toExclusive).toArray();
    }

    @Test
    void partialLastLineWaitsForItsNewline() throws Exception {
        Path log = dir.resolve("access.log");
        String line = LogLines.line(1);
        LogLines.append(log, LogLines.line(0) + line.substring(0, 20));
        try (TaskHarness h = new TaskHarness(config(log))) {
            assertLines(h.drain(), 0);
            LogLines.append(log, line.substring(20));
            h.drain();
            assertLines(h.events(), 0, 1);
            Map<String, Object> offset = h.offsets().values().iterator().next();
            assertThat(offset.get("pos")).isEqualTo((long) Files.size(log));
            assertThat(offset.get("line")).isEqualTo(2L);
        }
    }

    @Test
    void fileGrowingWhileItIsReadLosesNothing() throws Exception {
        Path log = dir.resolve("access.log");
        Files.createFile(log);
        AtomicReference<Exception> failure = new AtomicReference<>();
        Thread writer = new Thread(() -> {
            try {
                for (int i = 0; i < 20_000; i += 500) {
                    LogLines.append(log, LogLines.lines(i, i + 500));
                }
            } catch (Exception e) {
                failure.set(e);
            }
        });
        try (TaskHarness h = new TaskHarness(config(log, "batch.max.events", "700"))) {
            writer.start();
            while (writer.isAlive()) {
                h.pollOnce();
            }
            writer.join();
            h.drain();
            assertThat(failure.get()).isNull();
            assertLines(h.events(), range(0, 20_000));
        }
    }

    @Test
    void restartInTheMiddleOfAFileContinuesAfterTheLastEmittedLine() throws Exception {
        Path log = dir.resolve("access.log");
        LogLines.append(log, LogLines.lines(0, 10));
        try (TaskHarness h = new TaskHarness(config(log, "batch.max.events", "4"))) {
            assertThat(h.pollOnce()).hasSize(4);
            h.restart();
            h.drain();
            assertLines(h.events(), range(0, 10));
        }
    }

    @Test
    void renameRotationFinishesTheOldFileThenReadsTheNewOneInTheSameStream() throws Exception {
        Path log = dir.resolve("access.log");
        LogLines.append(log, LogLines.lines(0, 5));
        try (TaskHarness h = new TaskHarness(config(log))) {
            h.drain();
            // Written to the old file before the rename, plus an unterminated last line it will never finish.
            LogLines.append(log, LogLines.lines(5, 8) + LogLines.line(8).trim());
            Files.move(log, dir.resolve("access.log.1"));
            LogLines.append(log, LogLines.lines(9, 12));
            h.drain();
            assertLines(h.events(), range(0, 12));
            assertThat(h.events()).extracting(EpisodicEvent::stream).containsOnly("apilog:" + log);
            // The new file's events carry its own identity; the offset now points into it.
            assertThat(h.events().get(9).eventId()).isNotEqualTo(h.events().get(0).eventId()).endsWith(":0");
            assertThat(h.offsets().values().iterator().next().get("pos")).isEqualTo((long) Files.size(log));
        }
    }

    @Test
    void copyTruncateRestartsAtZeroAndKeepsTheSequence() throws Exception {
        Path log = dir.resolve("access.log");
        LogLines.append(log, LogLines.lines(0, 5));
        try (TaskHarness h = new TaskHarness(config(log))) {
            h.drain();
            Files.copy(log, dir.resolve("access.log.1"), StandardCopyOption.REPLACE_EXISTING);
            Files.write(log, new byte[0], StandardOpenOption.TRUNCATE_EXISTING);
            LogLines.append(log, LogLines.lines(5, 7));
            h.drain();
            assertLines(h.events(), range(0, 7));
        }
    }

    @Test
    void copyTruncateRewrittenPastTheOffsetIsRecognisedByItsFirstBytes() throws Exception {
        Path log = dir.resolve("access.log");
        LogLines.append(log, LogLines.lines(0, 2));
        try (TaskHarness h = new TaskHarness(config(log))) {
            h.drain();
            Files.write(log, new byte[0], StandardOpenOption.TRUNCATE_EXISTING);
            LogLines.append(log, LogLines.lines(100, 110));
            h.drain();
            assertLines(h.events(), 0, 1, 100, 101, 102, 103, 104, 105, 106, 107, 108, 109);
        }
    }

    @Test
    void rotationWhileStoppedIsFollowedFromTheStoredOffset() throws Exception {
        Path log = dir.resolve("access.log");
        LogLines.append(log, LogLines.lines(0, 6));
        try (TaskHarness h = new TaskHarness(config(log, "batch.max.events", "3"))) {
            assertThat(h.pollOnce()).hasSize(3);
            h.task().stop();
            LogLines.append(log, LogLines.lines(6, 8));
            Files.move(log, dir.resolve("access.log-20240131"));
            LogLines.append(log, LogLines.lines(8, 10));
            h.restart();
            h.drain();
            assertLines(h.events(), range(0, 10));
        }
    }

    @Test
    void rotatedFileGoneWhileStoppedWarnsAndReadsTheNewFile() throws Exception {
        Path log = dir.resolve("access.log");
        LogLines.append(log, LogLines.lines(0, 6));
        try (TaskHarness h = new TaskHarness(config(log, "batch.max.events", "3"))) {
            h.pollOnce();
            h.task().stop();
            Files.delete(log);
            LogLines.append(log, LogLines.lines(10, 12));
            h.restart();
            h.drain();
            assertLines(h.events(), 0, 1, 2, 10, 11);
        }
    }

    @Test
    void deletedFileEndsCleanlyAndAFileThatReappearsIsRead() throws Exception {
        Path log = dir.resolve("access.log");
        LogLines.append(log, LogLines.lines(0, 3));
        try (TaskHarness h = new TaskHarness(config(log))) {
            h.drain();
            Files.delete(log);
            assertThat(h.drain()).isEmpty();
            LogLines.append(log, LogLines.lines(3, 5));
            h.drain();
            assertLines(h.events(), range(0, 5));
        }
    }

    @Test
    void startAtEndSkipsExistingLinesButReadsNewOnes() throws Exception {
        Path log = dir.resolve("access.log");
        LogLines.append(log, LogLines.lines(0, 5));
        try (TaskHarness h = new TaskHarness(config(log, "apilog.start", "end"))) {
            assertThat(h.drain()).isEmpty();
            LogLines.append(log, LogLines.lines(5, 7));
            h.drain();
            assertLines(h.events(), 5, 6);
        }
    }

    @Test
    void filesThatStartToMatchLaterArePickedUpFromTheirBeginning() throws Exception {
        Path logs = Files.createDirectories(dir.resolve("logs"));
        Path a = logs.resolve("a.log");
        LogLines.append(a, LogLines.lines(0, 2));
        try (TaskHarness h = new TaskHarness(config(logs.resolve("*.log"), "apilog.start", "end"))) {
            assertThat(h.drain()).isEmpty();
            Path b = logs.resolve("b.log");
            LogLines.append(b, LogLines.lines(0, 3));
            Files.writeString(logs.resolve("b.txt"), LogLines.lines(0, 1));
            List<EpisodicEvent> events = h.drain();
            assertThat(events).extracting(EpisodicEvent::stream).containsOnly("apilog:" + b);
            assertLines(events, 0, 1, 2);
        }
    }

    @Test
    void tooLongLineIsCutFlaggedAndTheNextLineStillParses() throws Exception {
        Path log = dir.resolve("access.log");
        String longLine = "x".repeat(1000);
        LogLines.append(log, longLine + "\r\n" + LogLines.line(1));
        try (TaskHarness h = new TaskHarness(config(log, "apilog.max.line.bytes", "256"))) {
            List<EpisodicEvent> events = h.drain();
            assertThat(events).hasSize(2);
            EpisodicEvent cut = events.get(0);
            assertThat(cut.eventType()).isEqualTo(ApiLogEvents.HTTP_REQUEST_UNPARSED);
            assertThat(cut.attributes()).containsEntry("reason", "line_too_long").containsEntry("truncated", "true")
                    .containsEntry("line_bytes", "1001");
            assertThat(cut.content()).hasSize(256);
            assertThat(events.get(1).eventType()).isEqualTo(ApiLogEvents.HTTP_REQUEST);
            assertThat(events.get(1).eventId()).endsWith(":" + (longLine.length() + 2));
            assertThat(h.task().unparsedLines()).isEqualTo(1);
        }
    }

    @Test
    void aLineLongerThanTheReadBufferButWithinTheMaximumParses() throws Exception {
        Path log = dir.resolve("access.log");
        String query = "q=" + "a".repeat(600_000);
        LogLines.append(log, LogLines.line(0) + LogLines.line(1).replace("?page=1", "?" + query) + LogLines.line(2));
        try (TaskHarness h = new TaskHarness(config(log))) {
            List<EpisodicEvent> events = h.drain();
            assertLines(events, 0, 1, 2);
            assertThat(events.get(1).attributes().get("query")).isEqualTo(query);
        }
    }

    @Test
    void tooLongLastLineOfARotatedFileIsStillEmitted() throws Exception {
        Path log = dir.resolve("access.log");
        LogLines.append(log, LogLines.line(0));
        try (TaskHarness h = new TaskHarness(config(log, "apilog.max.line.bytes", "256"))) {
            h.drain();
            LogLines.append(log, "y".repeat(600));
            Files.move(log, dir.resolve("access.log.1"));
            h.drain();
            assertThat(h.events()).hasSize(2);
            assertThat(h.events().get(1).attributes()).containsEntry("line_bytes", "600")
                    .containsEntry("reason", "line_too_long");
            assertDense(h.events());
        }
    }

    @Test
    void invalidUtf8AndBinaryGarbageKeepTheStreamGoing() throws Exception {
        Path log = dir.resolve("access.log");
        byte[] garbage = {(byte) 0xff, (byte) 0xfe, 0, 1, 2, '\r', '\n'};
        Files.write(log, garbage);
        LogLines.append(log, LogLines.line(7));
        try (TaskHarness h = new TaskHarness(config(log, "apilog.format", "combined"))) {
            List<EpisodicEvent> events = h.drain();
            assertThat(events).extracting(EpisodicEvent::eventType)
                    .containsExactly(ApiLogEvents.HTTP_REQUEST_UNPARSED, ApiLogEvents.HTTP_REQUEST);
            assertThat(events.get(0).attributes()).containsEntry("invalid_utf8", "true");
            assertThat(new String(garbage, 0, 5, StandardCharsets.UTF_8)).isEqualTo(events.get(0).content());
        }
    }
}
