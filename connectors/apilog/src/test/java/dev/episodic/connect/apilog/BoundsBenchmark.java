package dev.episodic.connect.apilog;

import dev.episodic.connect.apilog.bench.ParseBenchmark;
import dev.episodic.connect.common.cursor.StreamPartition;
import dev.episodic.connect.common.event.EpisodicEvent;
import dev.episodic.connect.common.event.EventRecords;
import dev.episodic.connect.common.event.SourceType;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLongArray;
import org.apache.kafka.connect.source.SourceRecord;

/**
 * What bounds the task's rate against the {@code readLine} loop, measured in one round against that loop (run
 * right before and right after, as in {@code ParseBenchmark}). On combined lines:
 * <ul>
 *   <li><b>envelope floor</b>: the {@code readLine} loop plus, per line, the event and the {@code SourceRecord} a
 *       combined line becomes (the same attributes, subject, payload and event id, cut from the line at fixed
 *       places instead of parsed), kept in batches of 10,000 as the task keeps them. Nothing a task does to a
 *       line can cost less; the line is neither found in bytes, parsed nor redacted;</li>
 *   <li><b>pipeline</b>: what the task does to a line (find it in the file's bytes, parse it, build its event
 *       with redaction, build its record) on the calling thread, without the read-ahead;</li>
 * </ul>
 * each on one thread and on two threads that take one half of the file each: the best two cores can do with no
 * handoff at all, which the task (one file, read in order, its lines shared by two threads) can approach but not
 * pass. The task itself runs in the same round, as {@code ParseBenchmark} runs it.
 *
 * <p>Arguments: combined-file lines rounds. Run by {@code bench/run.sh}.
 */
public final class BoundsBenchmark {
    private static final int BATCH = 10_000;
    private static final String STREAM = "apilog:bench";

    private BoundsBenchmark() {
    }

    /** One way of handling the lines of {@code file} that start in {@code [from, to)}; returns their count. */
    private interface Pass {
        long run(Path file, long from, long to) throws IOException;
    }

    public static void main(final String[] args) throws Exception {
        Path file = Path.of(args[0]).toAbsolutePath();
        int lines = Integer.parseInt(args[1]);
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        ApiLogConfig config = new ApiLogConfig(Map.of("apilog.paths", file.toAbsolutePath().toString()));
        Pass readLine = (f, from, to) -> readLines(f, from, to, false);
        Pass floor = (f, from, to) -> readLines(f, from, to, true);
        Pass pipeline = (f, from, to) -> pipeline(f, from, to, config);
        System.out.printf("== bounds: %s, %,d combined lines, rates in lines/s and x the readLine loop ==%n",
                file.getFileName(), lines);
        for (int round = 1; round <= rounds; round++) {
            double before = rate(readLine, file, lines, 1);
            double floor1 = rate(floor, file, lines, 1);
            double floor2 = rate(floor, file, lines, 2);
            double pipeline1 = rate(pipeline, file, lines, 1);
            double pipeline2 = rate(pipeline, file, lines, 2);
            double task = ParseBenchmark.taskRun(file, "combined", lines).rate();
            double after = rate(readLine, file, lines, 1);
            double anchor = (before + after) / 2;
            System.out.printf("round %d: readLine loop %,.0f before, %,.0f after%n"
                    + "  envelope floor: 1 thread %,10.0f (%.2fx), 2 threads %,10.0f (%.2fx)%n"
                    + "  pipeline:       1 thread %,10.0f (%.2fx), 2 threads %,10.0f (%.2fx)%n"
                    + "  task:                     %,10.0f (%.2fx), %.2f of the two-thread pipeline%n",
                    round, before, after, floor1, floor1 / anchor, floor2, floor2 / anchor,
                    pipeline1, pipeline1 / anchor, pipeline2, pipeline2 / anchor, task, task / anchor,
                    task / pipeline2);
        }
    }

    /** Lines per second of {@code pass} over the whole file, split in {@code threads} byte ranges run at once. */
    private static double rate(final Pass pass, final Path file, final int expected, final int threads)
            throws Exception {
        long size = Files.size(file);
        AtomicLongArray counts = new AtomicLongArray(threads);
        List<Thread> running = new ArrayList<>();
        long start = System.nanoTime();
        for (int t = 0; t < threads; t++) {
            int part = t;
            Thread thread = new Thread(() -> {
                try {
                    counts.set(part, pass.run(file, size * part / threads,
                            part == threads - 1 ? Long.MAX_VALUE : size * (part + 1) / threads));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            thread.start();
            running.add(thread);
        }
        for (Thread thread : running) {
            thread.join();
        }
        long nanos = System.nanoTime() - start;
        long total = 0;
        for (int t = 0; t < threads; t++) {
            total += counts.get(t);
        }
        if (total != expected) {
            throw new IllegalStateException(total + " lines handled, expected " + expected);
        }
        return total * 1e9 / nanos;
    }

    /**
     * The lines starting in {@code [from, to)} (a range that starts inside a line begins after it) through a
     * {@code BufferedReader}; with {@code envelope}, each also becomes its event and record. The file is ASCII, so
     * a line's length in chars is its length in bytes.
     */
    private static long readLines(final Path file, final long from, final long to, final boolean envelope)
            throws IOException {
        try (FileChannel channel = FileChannel.open(file)) {
            long position = from == 0 ? 0 : startOfLineAfter(channel, from);
            channel.position(position);
            BufferedReader reader = new BufferedReader(
                    new InputStreamReader(Channels.newInputStream(channel), StandardCharsets.UTF_8));
            Envelope out = new Envelope();
            long count = 0;
            long chars = 0;
            String line;
            while (position < to && (line = reader.readLine()) != null) {
                long lineStart = position;
                position += line.length() + 1;
                count++;
                chars += line.length();
                if (envelope) {
                    out.add(line, lineStart, position);
                }
            }
            if (count > 0 && chars == 0) {
                throw new IllegalStateException("empty lines only");
            }
            return count;
        }
    }

    private static long startOfLineAfter(final FileChannel channel, final long at) throws IOException {
        LineReader reader = new LineReader(channel, at - 1, 1 << 20, ReadSettings.DEFAULT_BUFFER_BYTES);
        return reader.next() ? reader.lineEnd() : at;
    }

    /** The task's per-line work on this thread: find, parse, event with redaction, record; kept per batch. */
    private static long pipeline(final Path file, final long from, final long to, final ApiLogConfig config)
            throws IOException {
        ApiLogEvents events = new ApiLogEvents("bench", config.includePayload(),
                new QueryRedactor(config.redactParams()));
        FormatParser parser = FormatParser.of(LogFormat.COMBINED, LogFormat.COMBINED, config.jsonFields());
        ParsedRequest request = new ParsedRequest();
        Batch batch = new Batch();
        ApiLogFileCursor cursor = Batch.START;
        Instant now = Instant.now();
        long count = 0;
        try (FileChannel channel = FileChannel.open(file)) {
            long start = from == 0 ? 0 : startOfLineAfter(channel, from);
            LineReader reader = new LineReader(channel, start, config.maxLineBytes(), ReadSettings.DEFAULT_BUFFER_BYTES);
            while (reader.next() && reader.lineStart() < to) {
                byte[] b = reader.lineBuf();
                if (!parser.parse(b, reader.lineFrom(), reader.lineTo(), request)) {
                    throw new IllegalStateException("line at " + reader.lineStart() + " did not parse: "
                            + request.failure);
                }
                cursor = cursor.next(reader.lineEnd());
                String raw = ApiLogEvents.decode(b, reader.lineFrom(), reader.lineTo());
                batch.add(cursor, events.parsed(STREAM, cursor.seq(), Batch.ID_PREFIX + reader.lineStart(), raw,
                        false, request, now));
                count++;
            }
        }
        return count;
    }

    /** Records kept until a batch is full, as the task keeps them until Connect takes its batch. */
    private static class Batch {
        static final String ID_PREFIX = "apilog:1-0123456789abcdef:";
        static final ApiLogFileCursor START = ApiLogFileCursor.empty()
                .startOf(new FileIdentity(1, "0123456789abcdef", 64), 0);
        private final Map<String, String> partition = StreamPartition.of(STREAM);
        private final EventRecords records = new EventRecords("t");
        private List<SourceRecord> kept = new ArrayList<>(BATCH);

        void add(final ApiLogFileCursor after, final EpisodicEvent event) {
            kept.add(records.record(partition, after.toOffset(), event));
            if (kept.size() == BATCH) {
                kept = new ArrayList<>(BATCH);
            }
        }
    }

    /**
     * The event and record of a combined line with the values cut at fixed places: a client address, a path, one
     * query in five (as in the generated file), a size, a subject, the raw line as payload and an event id from
     * the line's offset; the status, method, agent and referer are the constants a parser's caches return.
     */
    private static final class Envelope extends Batch {
        private final Instant occurred = Instant.parse("2024-01-31T00:00:00Z");
        private final Instant now = Instant.now();
        private ApiLogFileCursor cursor = START;

        void add(final String line, final long lineStart, final long lineEnd) {
            cursor = cursor.next(lineEnd);
            int n = line.length();
            String path = line.substring(Math.min(n, 10), Math.min(n, 34));
            EpisodicEvent event = EpisodicEvent.builder()
                    .eventId(ID_PREFIX + lineStart).sourceType(SourceType.API_LOG).sourceId("bench").stream(STREAM)
                    .sequence(cursor.seq()).eventType(ApiLogEvents.HTTP_REQUEST)
                    .occurredAt(occurred).ingestedAt(now)
                    .subject("GET " + path + " 200")
                    .attribute("method", "GET")
                    .attribute("path", path)
                    .attribute("query", cursor.seq() % 5 == 0 ? line.substring(Math.min(n, 34), Math.min(n, 54)) : null)
                    .attribute("status", "200")
                    .attribute("bytes", line.substring(Math.max(0, n - 8), Math.max(0, n - 5)))
                    .attribute("client_ip", line.substring(0, Math.min(n, 9)))
                    .attribute("user_agent", "curl/8.5.0")
                    .attribute("referer", "https://example.com/start")
                    .payload(line)
                    .build();
            add(cursor, event);
        }
    }
}
