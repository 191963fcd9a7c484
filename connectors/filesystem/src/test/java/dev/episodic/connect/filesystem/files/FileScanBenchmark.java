package dev.episodic.connect.filesystem.files;

import dev.episodic.connect.common.event.EventJson;
import dev.episodic.connect.filesystem.FileChangeConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/**
 * Benchmark of the scanner, run by {@code bench/file-scan.sh}:
 * <pre>
 *   generate ROOT FILES      writes FILES small files in a tree of 100-file folders
 *   scan ROOT RUNS EDITS     first scan, RUNS no-change rescans, EDITS edits + one rescan; prints key=value lines
 * </pre>
 */
public final class FileScanBenchmark {
    private FileScanBenchmark() {
    }

    public static void main(final String[] args) throws Exception {
        Path root = Path.of(args[1]);
        if (args[0].equals("generate")) {
            generate(root, Integer.parseInt(args[2]));
        } else {
            scan(root, Integer.parseInt(args[2]), Integer.parseInt(args[3]));
        }
    }

    private static String file(final int i) {
        return "module-" + (i / 10_000) + "/pkg-" + (i / 100 % 100) + "/File" + i + ".txt";
    }

    private static void generate(final Path root, final int files) throws IOException {
        for (int i = 0; i < files; i++) {
            Path file = root.resolve(file(i));
            if (i % 100 == 0) {
                Files.createDirectories(file.getParent());
            }
            Files.writeString(file, "content of file " + i + "\n", StandardCharsets.UTF_8);
        }
    }

    private static void scan(final Path root, final int runs, final int edits) throws IOException {
        PathRules rules = PathRules.of(List.of("**"), Arrays.asList(FileChangeConfig.DEFAULT_EXCLUDE.split(",")));
        RootIndex index = RootIndex.empty("files:bench");
        index.markAllBaselined();
        long start = System.nanoTime();
        ScanResult first = scanOnce(root, rules, index);
        long firstScanMs = (System.nanoTime() - start) / 1_000_000;
        start = System.nanoTime();
        int[] largest = new int[1];
        // Every event builds its shard's offset, as the task does; sizes are measured on the final shards below.
        first.changes().forEach(index::apply);
        long applyMs = (System.nanoTime() - start) / 1_000_000;
        System.out.println("files=" + index.size());
        System.out.println("first_scan_ms=" + firstScanMs + "  (walk + hash every file)");
        System.out.println("first_scan_emit_ms=" + applyMs + "  (" + first.changes().size()
                + " events: state update + shard offset per event)");

        long best = Long.MAX_VALUE;
        long firstRescan = -1;
        for (int run = 0; run < runs; run++) {
            start = System.nanoTime();
            ScanResult again = scanOnce(root, rules, index);
            long ms = (System.nanoTime() - start) / 1_000_000;
            if (!again.changes().isEmpty()) {
                throw new IllegalStateException("no-change rescan found " + again.changes().size() + " changes, e.g. "
                        + again.changes().subList(0, Math.min(3, again.changes().size())));
            }
            firstRescan = firstRescan < 0 ? ms : firstRescan;
            best = Math.min(best, ms);
        }
        System.out.println("rescan_first_ms=" + firstRescan);
        System.out.println("rescan_best_ms=" + best);

        Instant mtime = Instant.now();
        for (int i = 0; i < edits; i++) {
            Path file = root.resolve(file(i * 97 % index.size()));
            Files.writeString(file, "edited " + mtime + " " + i + "\n", StandardCharsets.UTF_8);
            Files.setLastModifiedTime(file, FileTime.from(mtime.plusMillis(i)));
        }
        start = System.nanoTime();
        ScanResult edited = scanOnce(root, rules, index);
        long editScanMs = (System.nanoTime() - start) / 1_000_000;
        start = System.nanoTime();
        edited.changes().forEach(change -> largest[0] = Math.max(largest[0], offsetBytes(index.apply(change))));
        long editEmitMs = (System.nanoTime() - start) / 1_000_000;
        System.out.println("edits=" + edits + " changes_found=" + edited.changes().size());
        System.out.println("rescan_after_edits_ms=" + editScanMs + "  (walk + hash the edited files)");
        System.out.println("emit_after_edits_ms=" + editEmitMs);
        int largestNow = 0;
        for (int shard = 0; shard < Shards.COUNT; shard++) {
            largestNow = Math.max(largestNow, offsetBytes(index.snapshot(shard)));
        }
        System.out.println("largest_offset_bytes=" + Math.max(largest[0], largestNow) + "  (JSON, as stored; limit 524288)");
    }

    private static ScanResult scanOnce(final Path root, final PathRules rules, final RootIndex index) {
        Listing listing = new TreeWalker(FileAccess.LOCAL, rules, false).walk(root);
        return new ChangeDetector(FileAccess.LOCAL, true).detect(root, index, listing);
    }

    private static int offsetBytes(final FileShardCursor cursor) {
        try {
            return EventJson.mapper().writeValueAsBytes(cursor.toOffset()).length;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
