package dev.episodic.connect.filesystem.git;

import dev.episodic.connect.common.event.EpisodicEvent;
import dev.episodic.connect.common.event.EventRecords;
import dev.episodic.connect.filesystem.GitEventFactory;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.apache.kafka.connect.source.SourceRecord;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Times a full extraction (all branches, first sync, numstat for every commit, events and records built).
 * Usage: {@code GitExtractBenchmark <repo> [runs] [threads] [renames]}. Prints one
 * {@code key=value} line per run and a final {@code best_ms=} line for the bench script.
 */
public final class GitExtractBenchmark {

    private GitExtractBenchmark() {
    }

    public static void main(String[] args) {
        Path repo = Path.of(args[0]);
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        WalkOptions options = WalkOptions.defaults();
        if (args.length > 2) {
            options = options.withThreads(Integer.parseInt(args[2]));
        }
        if (args.length > 3) {
            options = options.withRenames(Boolean.parseBoolean(args[3]));
        }

        long best = Long.MAX_VALUE;
        for (int run = 1; run <= runs; run++) {
            // The connector's per-commit work: the episodic event (payload JSON included) and its Connect record.
            GitEventFactory events = new GitEventFactory("bench", "git:bench", true);
            Instant ingestedAt = Instant.now();
            long[] seq = {0};
            long[] payloadBytes = {0};
            Consumer<GitCommit> perCommit = commit -> {
                EpisodicEvent event = events.commit(commit, ++seq[0], ingestedAt);
                SourceRecord record = EventRecords.toSourceRecord("bench", Map.of("stream", "git:bench"),
                        Map.of("v", 1, "seq", seq[0]), event);
                payloadBytes[0] += event.payload().length() + (record.value() == null ? 0 : 1);
            };
            Totals totals = new Totals();
            long start = System.nanoTime();
            try (GitHistory git = GitHistory.open(repo);
                 CommitStream stream = git.walk(git.branchTips(List.of("*")), Set.of(), 0, options)) {
                while (stream.hasNext()) {
                    GitCommit commit = stream.next();
                    totals.add(commit);
                    perCommit.accept(commit);
                }
            }
            long ms = (System.nanoTime() - start) / 1_000_000;
            best = Math.min(best, ms);
            System.out.printf("run=%d commits=%d events=%d files=%d added=%d deleted=%d payload_chars=%d ms=%d threads=%d renames=%s%n",
                    run, totals.commits, seq[0], totals.files, totals.added, totals.deleted, payloadBytes[0], ms,
                    options.threads(), options.detectRenames());
        }
        System.out.println("best_ms=" + best);
    }

    private static final class Totals {
        long commits;
        long files;
        long added;
        long deleted;

        void add(GitCommit c) {
            commits++;
            files += c.filesChanged();
            added += c.linesAdded();
            deleted += c.linesDeleted();
        }
    }
}
