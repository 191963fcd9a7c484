package dev.episodic.connect.apilog.bench;

import dev.episodic.connect.apilog.ApiLogSourceTask;
import java.io.BufferedReader;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.metrics.PluginMetrics;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.source.SourceTaskContext;
import org.apache.kafka.connect.storage.OffsetStorageReader;

/**
 * The task's parse-and-emit rate: one {@link ApiLogSourceTask} polls a file to its end (every line becomes a
 * {@link SourceRecord}, exactly what it hands to Connect), timed against a plain {@link BufferedReader#readLine}
 * loop (run right before and right after the task) and {@code wc -l} on the same file in the same run. System
 * property {@code bench.only} = combined|json runs one format; {@code bench.payload=false} runs the task with
 * {@code include.payload=false}; {@code bench.batch=N} sets its {@code batch.max.events} (default 10000, the
 * connector's default). Heap in use is sampled after a GC at 25/50/75/100 %
 * of the file (GC time excluded from the rate) to show it does not grow with the file.
 */
public final class ParseBenchmark {
    private ParseBenchmark() {
    }

    public static void main(final String[] args) throws Exception {
        // Absolute: apilog.paths refuses a relative path, and the default is relative to the working folder.
        Path dir = Path.of(args.length > 0 ? args[0] : "target/bench").toAbsolutePath();
        int lines = args.length > 1 ? Integer.parseInt(args[1]) : 5_000_000;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 2;
        Files.createDirectories(dir);
        Path combined = BenchFiles.combined(dir, lines);
        Path json = BenchFiles.json(dir, lines);
        String only = System.getProperty("bench.only", "");
        for (Path file : List.of(combined, json)) {
            String format = file.getFileName().toString().startsWith("json") ? "json" : "combined";
            if (!only.isEmpty() && !only.equals(format)) {
                continue;
            }
            System.out.printf("%n== %s: %,d lines, %,d bytes ==%n", file.getFileName(), lines, Files.size(file));
            for (int round = 1; round <= rounds; round++) {
                double wc = wcLines(file, lines);
                // The anchor runs right before and right after the task: this machine's speed drifts by tens of
                // percent within a minute, and the mean of the two brackets the task's own minute.
                Result before = readLineLoop(file, lines);
                Result task = taskRun(file, format, lines);
                Result after = readLineLoop(file, lines);
                double anchor = (before.rate + after.rate) / 2;
                double anchorCpu = (before.processCpuRate + after.processCpuRate) / 2;
                System.out.printf("round %d: wc -l %,.0f lines/s wall | load average %.1f%n"
                        + "  readLine loop before: %s%n"
                        + "  task:                 %s%n"
                        + "  readLine loop after:  %s%n"
                        + "  task/readLine:        %.2fx wall (mean of before and after), %.2fx per process-CPU-s | "
                        + "task/wc: %.3fx wall | heap after GC at 25/50/75/100%%: %s MiB%n",
                        round, wc, ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
                        before.describe(), task.describe(), after.describe(),
                        task.rate / anchor, task.processCpuRate / anchorCpu, task.rate / wc, task.heap);
            }
        }
    }

    /**
     * Wall-clock rate, rate per CPU second of the polling thread, and per CPU second of the whole process (all the
     * task's threads, GC and JIT included: the fair "per task CPU second" figure once the task reads ahead on a
     * second thread).
     */
    public record Result(double rate, double threadCpuRate, double processCpuRate, double readerCpuShare,
                  double bytesPerLine, String heap) {
        String describe() {
            return String.format("%,10.0f lines/s wall, %,10.0f lines/poll-thread-CPU-s, %,10.0f lines/process-CPU-s",
                    rate, threadCpuRate, processCpuRate)
                    + (readerCpuShare > 0 ? String.format(", reading thread busy %.0f%% of the wall time",
                    readerCpuShare * 100) : "")
                    + String.format(", %,.0f bytes allocated per line", bytesPerLine);
        }
    }

    /** Bytes allocated so far by the polling thread and the task's reading thread (HotSpot's per-thread count). */
    private static long allocatedBytes() {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) THREADS;
        long total = threads.getCurrentThreadAllocatedBytes();
        for (java.lang.management.ThreadInfo info : THREADS.getThreadInfo(THREADS.getAllThreadIds())) {
            if (info != null && info.getThreadName().startsWith("apilog-read-ahead-")) {
                total += Math.max(0, threads.getThreadAllocatedBytes(info.getThreadId()));
            }
        }
        return total;
    }

    /** CPU time of the task's reading thread so far (0 when it is not running). */
    private static long readerCpuNanos() {
        for (java.lang.management.ThreadInfo info : THREADS.getThreadInfo(THREADS.getAllThreadIds())) {
            if (info != null && info.getThreadName().startsWith("apilog-read-ahead-")) {
                return Math.max(0, THREADS.getThreadCpuTime(info.getThreadId()));
            }
        }
        return 0;
    }

    private static final java.lang.management.ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    static double wcLines(final Path file, final int expected) throws IOException, InterruptedException {
        long start = System.nanoTime();
        Process p = new ProcessBuilder("wc", "-l", file.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        p.waitFor();
        long nanos = System.nanoTime() - start;
        long counted = Long.parseLong(out.split("\\s+")[0]);
        if (counted != expected) {
            throw new IllegalStateException("wc -l counted " + counted + " lines, expected " + expected);
        }
        return expected * 1e9 / nanos;
    }

    static Result readLineLoop(final Path file, final int expected) throws IOException {
        long start = System.nanoTime();
        long cpu = THREADS.getCurrentThreadCpuTime();
        long processCpu = processCpuNanos();
        long allocated = allocatedBytes();
        long count = 0;
        long chars = 0;
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            while ((line = reader.readLine()) != null) {
                count++;
                chars += line.length();
            }
        }
        long nanos = System.nanoTime() - start;
        long cpuNanos = THREADS.getCurrentThreadCpuTime() - cpu;
        long processNanos = processCpuNanos() - processCpu;
        if (count != expected || chars == 0) {
            throw new IllegalStateException("readLine counted " + count + " lines, expected " + expected);
        }
        return new Result(expected * 1e9 / nanos, expected * 1e9 / cpuNanos, expected * 1e9 / processNanos, 0,
                (double) (allocatedBytes() - allocated) / expected, "");
    }

    /** Polls a fresh task over the whole file, exactly as a worker would (its poll() and nothing else). */
    public static Result taskRun(final Path file, final String format, final int expected)
            throws InterruptedException {
        ApiLogSourceTask task = new ApiLogSourceTask();
        task.initialize(new BenchContext());
        task.start(Map.of("name", "bench", "apilog.paths", file.toString(), "apilog.format", format,
                "poll.interval.ms", "100", "batch.max.events", System.getProperty("bench.batch", "10000"),
                "include.payload", System.getProperty("bench.payload", "true")));
        long records = 0;
        long gcNanos = 0;
        StringBuilder heap = new StringBuilder();
        int nextMark = 1;
        long gcCpu = 0;
        long gcProcessCpu = 0;
        long start = System.nanoTime();
        long cpu = THREADS.getCurrentThreadCpuTime();
        long processCpu = processCpuNanos();
        long readerCpu = readerCpuNanos();
        long readerNanos = 0;
        long allocated = allocatedBytes();
        long allocatedNow = allocated;
        try {
            while (records < expected) {
                List<SourceRecord> batch = task.poll();
                if (batch != null) {
                    records += batch.size();
                }
                if (records >= (long) expected * nextMark / 4) {
                    long gcStart = System.nanoTime();
                    long gcCpuStart = THREADS.getCurrentThreadCpuTime();
                    long gcProcessStart = processCpuNanos();
                    System.gc();
                    long used = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
                    heap.append(heap.length() == 0 ? "" : "/").append(used >> 20);
                    gcNanos += System.nanoTime() - gcStart;
                    gcCpu += THREADS.getCurrentThreadCpuTime() - gcCpuStart;
                    gcProcessCpu += processCpuNanos() - gcProcessStart;
                    nextMark++;
                }
            }
            readerNanos = readerCpuNanos() - readerCpu;
            allocatedNow = allocatedBytes();
        } finally {
            task.stop();
        }
        long nanos = System.nanoTime() - start - gcNanos;
        long cpuNanos = THREADS.getCurrentThreadCpuTime() - cpu - gcCpu;
        long processNanos = processCpuNanos() - processCpu - gcProcessCpu;
        if (records != expected) {
            throw new IllegalStateException("task emitted " + records + " records, expected " + expected);
        }
        return new Result(expected * 1e9 / nanos, expected * 1e9 / cpuNanos, expected * 1e9 / processNanos,
                (double) readerNanos / (System.nanoTime() - start), (double) (allocatedNow - allocated) / expected,
                heap.toString());
    }

    /** A context with no stored offsets and no metrics registry, as on a fresh worker. */
    private static final class BenchContext implements SourceTaskContext {
        @Override
        public Map<String, String> configs() {
            return Map.of();
        }

        @Override
        public OffsetStorageReader offsetStorageReader() {
            return new OffsetStorageReader() {
                @Override
                public <T> Map<String, Object> offset(final Map<String, T> partition) {
                    return null;
                }

                @Override
                public <T> Map<Map<String, T>, Map<String, Object>> offsets(
                        final java.util.Collection<Map<String, T>> partitions) {
                    return Map.of();
                }
            };
        }

        @Override
        public PluginMetrics pluginMetrics() {
            return null;
        }
    }
}
