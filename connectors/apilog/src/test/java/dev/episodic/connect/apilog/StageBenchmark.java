package dev.episodic.connect.apilog;

import dev.episodic.connect.common.cursor.StreamPartition;
import dev.episodic.connect.common.event.EpisodicEvent;
import dev.episodic.connect.common.event.EventRecords;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;

/**
 * Where a line's time goes, stage by stage, on one thread and without the read-ahead queue: (1) finding the line,
 * (2) + parsing it, (3) + building its event (redaction, subject, attributes, payload, event id), (4) + building its
 * {@code SourceRecord} (value struct, headers, offset). Each stage runs the whole file, cumulatively, timed per
 * line; the difference between two stages is what the later one adds. This is the budget behind the task's rate:
 * its reading thread does stage 1, and both of its threads share stages 2-4 (the task thread does all of 4).
 *
 * <p>Arguments: file format rounds. Run by {@code bench/run.sh}.
 */
public final class StageBenchmark {
    private static final String[] STAGES = {"find lines", "+ parse", "+ build event", "+ build SourceRecord"};

    private StageBenchmark() {
    }

    public static void main(final String[] args) throws IOException {
        Path file = Path.of(args[0]);
        LogFormat format = LogFormat.valueOf(args[1].toUpperCase(java.util.Locale.ROOT));
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        ApiLogConfig config = new ApiLogConfig(Map.of("apilog.paths", file.toAbsolutePath().toString()));
        ApiLogEvents events = new ApiLogEvents("bench", config.includePayload(), new QueryRedactor(config.redactParams()));
        double[] best = new double[STAGES.length];
        java.util.Arrays.fill(best, Double.MAX_VALUE);
        for (int round = 0; round < rounds; round++) {
            for (int stage = 0; stage < STAGES.length; stage++) {
                best[stage] = Math.min(best[stage], nanosPerLine(file, format, config, events, stage));
            }
        }
        System.out.printf("== stages, %s (%s), best of %d rounds, one thread ==%n", file.getFileName(), args[1], rounds);
        for (int stage = 0; stage < STAGES.length; stage++) {
            System.out.printf("  %-22s %6.0f ns/line (%+5.0f)%n", STAGES[stage], best[stage],
                    best[stage] - (stage == 0 ? 0 : best[stage - 1]));
        }
    }

    private static double nanosPerLine(final Path file, final LogFormat format, final ApiLogConfig config,
                                       final ApiLogEvents events, final int stage) throws IOException {
        long lines = 0;
        long sink = 0;
        Map<String, String> partition = StreamPartition.of("apilog:bench");
        FileIdentity identity = new FileIdentity(1, "0123456789abcdef", 64);
        ApiLogFileCursor cursor = ApiLogFileCursor.empty().startOf(identity, 0);
        Instant now = Instant.now();
        EventRecords records = new EventRecords("t");
        long start = System.nanoTime();
        try (FileChannel channel = FileChannel.open(file)) {
            LineReader reader = new LineReader(channel, 0, config.maxLineBytes(), ReadSettings.DEFAULT_BUFFER_BYTES);
            FormatParser parser = FormatParser.of(format, format, config.jsonFields());
            ParsedRequest request = new ParsedRequest();
            while (reader.next()) {
                lines++;
                sink += reader.lineTo();
                if (stage >= 1 && !parser.parse(reader.lineBuf(), reader.lineFrom(), reader.lineTo(), request)) {
                    throw new IllegalStateException("line " + lines + " did not parse: " + request.failure);
                }
                if (stage >= 2) {
                    cursor = cursor.next(reader.lineEnd());
                    String raw = ApiLogEvents.decode(reader.lineBuf(), reader.lineFrom(), reader.lineTo());
                    EpisodicEvent event = events.parsed("apilog:bench", cursor.seq(), "apilog:bench:" + reader.lineStart(),
                            raw, false, request, now);
                    sink += event.attributes().size();
                    if (stage >= 3) {
                        sink += records.record(partition, cursor.toOffset(), event).headers().size();
                    }
                }
            }
        }
        long nanos = System.nanoTime() - start;
        if (sink == 0) {
            throw new IllegalStateException("nothing read");
        }
        return (double) nanos / lines;
    }
}
