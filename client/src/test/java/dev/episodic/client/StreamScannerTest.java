package dev.episodic.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class StreamScannerTest {
    private static final Duration POLL = Duration.ofMillis(20);

    private final ResumeHints hints = new ResumeHints();
    private StatsCounter stats;

    private StreamScanner scanner(final FakePartitionLog log, final String stream, final GapPolicy policy) {
        stats = new StatsCounter();
        log.useStats(stats);
        return new StreamScanner(log, new StreamRecords(stream), policy, stats, hints, POLL, Duration.ofSeconds(10));
    }

    /** Streams a..e interleaved at random, a marker after every transaction of 1..40 records, some aborted ones. */
    private static FakePartitionLog interleaved(final int perStream, final long seed) {
        FakePartitionLog log = new FakePartitionLog(500);
        Random random = new Random(seed);
        String[] streams = {"a", "b", "c", "d", "e"};
        long[] next = new long[streams.length];
        int remaining = perStream * streams.length;
        int inTxn = 0;
        while (remaining > 0) {
            int s = random.nextInt(streams.length);
            if (next[s] == perStream) {
                continue;
            }
            log.event(streams[s], ++next[s]);
            remaining--;
            if (++inTxn >= 1 + random.nextInt(40)) {
                if (random.nextInt(10) == 0) {
                    log.hidden(1 + random.nextInt(30)); // an aborted transaction's records
                }
                log.hidden(1); // the commit marker
                inTxn = 0;
            }
        }
        return log.hidden(1);
    }

    private static List<Long> sequences(final List<StreamEvent> events) {
        return events.stream().map(StreamEvent::sequence).toList();
    }

    private static List<Long> range(final long fromInclusive, final long toInclusive) {
        return LongStream.rangeClosed(fromInclusive, toInclusive).boxed().toList();
    }

    @Test
    void readReturnsExactlyTheRequestedWindowForEveryAfter() {
        FakePartitionLog log = interleaved(2000, 1);
        for (long after : new long[] {0, 1, 17, 999, 1990, 1999, 2000, 2500}) {
            List<StreamEvent> got = scanner(log, "c", GapPolicy.fail()).read(after, Long.MAX_VALUE, 10);
            long last = Math.min(2000, after + 10);
            assertThat(sequences(got)).as("after=%d", after).isEqualTo(after >= 2000 ? List.of() : range(after + 1, last));
            assertThat(got).allSatisfy(e -> assertThat(e.stream()).isEqualTo("c"));
        }
    }

    @Test
    void recentEventsCostOneProbeAndOlderOnesAFewNotAScan() {
        FakePartitionLog log = interleaved(20_000, 2); // ~100,000 events + markers
        StreamScanner tail = scanner(log, "d", GapPolicy.fail());
        assertThat(sequences(tail.read(19_990, Long.MAX_VALUE, 10))).isEqualTo(range(19_991, 20_000));
        assertThat(stats.probes).isEqualTo(1);
        assertThat(stats.fetches).isLessThanOrEqualTo(3);
        for (long after : new long[] {1, 5_000, 10_000, 15_000, 19_000}) {
            StreamScanner middle = scanner(log, "b", GapPolicy.fail());
            assertThat(sequences(middle.read(after, Long.MAX_VALUE, 10))).isEqualTo(range(after + 1, after + 10));
            // Evenly interleaved streams: the interpolated probe lands next to the target.
            assertThat(stats.probes).as("after=%d", after).isLessThanOrEqualTo(5);
            assertThat(stats.recordsExamined).isLessThan(5_000);
        }
    }

    @Test
    void burstyStreamsStayLogarithmic() {
        // Stream "x" writes in bursts of 500 between long stretches of another stream: interpolation misleads,
        // the bisection fallback bounds the cost.
        FakePartitionLog log = new FakePartitionLog(500);
        long x = 0;
        long y = 0;
        Random random = new Random(9);
        for (int burst = 0; burst < 40; burst++) {
            for (int i = 0; i < 500; i++) {
                log.event("x", ++x);
            }
            int others = random.nextInt(20_000);
            for (int i = 0; i < others; i++) {
                log.event("y", ++y).hidden(i % 50 == 0 ? 1 : 0);
            }
        }
        double log2 = Math.log((double) log.endOffset() / StreamScanner.LINEAR_SPAN) / Math.log(2);
        for (long after : new long[] {0, 250, 499, 500, 7_777, 12_345, 19_999}) {
            StreamScanner s = scanner(log, "x", GapPolicy.fail());
            assertThat(sequences(s.read(after, Long.MAX_VALUE, 3))).isEqualTo(range(after + 1, Math.min(20_000, after + 3)));
            assertThat((double) stats.probes).as("after=%d", after).isLessThanOrEqualTo(2 * log2 + 3);
        }
    }

    @Test
    void beforeAndLimitBoundTheRead() {
        FakePartitionLog log = interleaved(300, 3);
        assertThat(sequences(scanner(log, "a", GapPolicy.fail()).read(10, 15, 100))).isEqualTo(range(11, 14));
        assertThat(sequences(scanner(log, "a", GapPolicy.fail()).read(10, 1000, 3))).isEqualTo(range(11, 13));
        assertThat(sequences(scanner(log, "a", GapPolicy.fail()).read(10, 11, 3))).isEmpty();
        assertThat(sequences(scanner(log, "a", GapPolicy.fail()).read(290, Long.MAX_VALUE, 100))).isEqualTo(range(291, 300));
    }

    @Test
    void sparseStreamAmongOthersIsFoundAndProbesOnOtherStreamsTerminate() {
        FakePartitionLog log = new FakePartitionLog(100);
        for (int i = 1; i <= 50_000; i++) {
            log.event("busy", i);
            if (i % 7 == 0) {
                log.hidden(1);
            }
            if (i == 10_000 || i == 30_000 || i == 49_999) {
                log.event("rare", i / 10_000 + (i == 49_999 ? 0 : 0));
            }
        }
        // rare: #1 at ~10k, #3 at ~30k, #4 at ~50k (sequences from i/10000): 1, 3, 4 → a gap 2 with report.
        List<SequenceGap> gaps = new ArrayList<>();
        List<StreamEvent> got = scanner(log, "rare", GapPolicy.report(gaps::add)).read(1, Long.MAX_VALUE, 10);
        assertThat(sequences(got)).containsExactly(3L, 4L);
        assertThat(gaps).singleElement().satisfies(g -> {
            assertThat(g.expected()).isEqualTo(2);
            assertThat(g.found()).isEqualTo(3);
        });
        assertThat(scanner(log, "absent", GapPolicy.fail()).read(0, Long.MAX_VALUE, 10)).isEmpty();
    }

    @Test
    void regionsOfOnlyMarkersAndAbortedRecordsAreCrossed() {
        FakePartitionLog log = new FakePartitionLog(500);
        for (int i = 1; i <= 100; i++) {
            log.event("s", i);
        }
        log.hidden(40_000); // a huge aborted transaction
        for (int i = 101; i <= 200; i++) {
            log.event("s", i);
            log.hidden(1);
        }
        log.hidden(20_000);
        for (long after : new long[] {0, 50, 99, 100, 101, 150, 199, 200}) {
            List<StreamEvent> got = scanner(log, "s", GapPolicy.fail()).read(after, Long.MAX_VALUE, 5);
            assertThat(sequences(got)).as("after=%d", after)
                    .isEqualTo(after >= 200 ? List.of() : range(after + 1, Math.min(200, after + 5)));
        }
        assertThat(scanner(log, "s", GapPolicy.fail()).latestSequence()).isEqualTo(200);
    }

    @Test
    void repeatedSequencesAreDroppedOnce() {
        FakePartitionLog log = new FakePartitionLog(500);
        for (long s : new long[] {1, 2, 3, 2, 3, 4, 5, 5, 6}) {
            log.event("s", s).hidden(1);
        }
        List<StreamEvent> got = scanner(log, "s", GapPolicy.fail()).read(0, Long.MAX_VALUE, 100);
        assertThat(sequences(got)).isEqualTo(range(1, 6));
        assertThat(stats.duplicatesDropped).isEqualTo(3);
    }

    @Test
    void gapFailsByDefaultPolicyAndIsReportedByTheLenientOne() {
        FakePartitionLog log = new FakePartitionLog(500);
        for (long s : new long[] {1, 2, 5, 6}) {
            log.event("s", s);
        }
        assertThatThrownBy(() -> scanner(log, "s", GapPolicy.fail()).read(0, Long.MAX_VALUE, 100))
                .isInstanceOf(SequenceGapException.class)
                .hasMessageContaining("sequences 3..4 missing")
                .hasMessageContaining("fake-0@2")
                .satisfies(e -> assertThat(((SequenceGapException) e).gap().missing()).isEqualTo(2));
        List<SequenceGap> gaps = new ArrayList<>();
        List<StreamEvent> got = scanner(log, "s", GapPolicy.report(gaps::add)).read(0, Long.MAX_VALUE, 100);
        assertThat(sequences(got)).containsExactly(1L, 2L, 5L, 6L);
        assertThat(gaps).extracting(SequenceGap::expected, SequenceGap::found).containsExactly(org.assertj.core.groups.Tuple.tuple(3L, 5L));
    }

    @Test
    void holeAtTheStartOfTheLogIsAGapForAReadFromTheBeginning() {
        FakePartitionLog log = new FakePartitionLog(500);
        for (long s = 1; s <= 10; s++) {
            log.event("s", s);
        }
        log.truncateBefore(4); // retention removed #1..#4
        assertThatThrownBy(() -> scanner(log, "s", GapPolicy.fail()).read(0, Long.MAX_VALUE, 3))
                .isInstanceOf(SequenceGapException.class).hasMessageContaining("sequences 1..4 missing");
        assertThat(sequences(scanner(log, "s", GapPolicy.fail()).read(4, Long.MAX_VALUE, 3))).isEqualTo(range(5, 7));
    }

    @Test
    void latestSequenceOfBusyRareAndAbsentStreams() {
        FakePartitionLog log = new FakePartitionLog(500);
        log.event("rare", 1).event("rare", 2);
        for (int i = 1; i <= 30_000; i++) {
            log.event("busy", i).hidden(i % 3 == 0 ? 1 : 0);
        }
        assertThat(scanner(log, "busy", GapPolicy.fail()).latestSequence()).isEqualTo(30_000);
        assertThat(stats.fetches).isLessThanOrEqualTo(2);
        assertThat(scanner(log, "rare", GapPolicy.fail()).latestSequence()).isEqualTo(2);
        assertThat(scanner(log, "absent", GapPolicy.fail()).latestSequence()).isZero();
        assertThat(scanner(new FakePartitionLog(10), "x", GapPolicy.fail()).latestSequence()).isZero();
    }

    @Test
    void followReturnsWhatIsThereOrNothingAfterTheWait() {
        FakePartitionLog log = interleaved(100, 4);
        assertThat(sequences(scanner(log, "b", GapPolicy.fail()).follow(95, Duration.ofSeconds(5), 500, log))).isEqualTo(range(96, 100));
        long started = System.nanoTime();
        assertThat(scanner(log, "b", GapPolicy.fail()).follow(100, Duration.ofMillis(200), 500, log)).isEmpty();
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(200));
        assertThat(stats.idlePolls).isPositive();
    }

    @Test
    void resumeHintMakesTheNextPageSeekWithoutProbes() {
        FakePartitionLog log = interleaved(20_000, 5);
        assertThat(sequences(scanner(log, "e", GapPolicy.fail()).read(10_000, Long.MAX_VALUE, 10))).isEqualTo(range(10_001, 10_010));
        StreamScanner next = scanner(log, "e", GapPolicy.fail());
        assertThat(sequences(next.read(10_010, Long.MAX_VALUE, 10))).isEqualTo(range(10_011, 10_020));
        assertThat(stats.probes).isZero();
        // A hint above the wanted sequence bounds the search from above; the answer is still exact.
        assertThat(sequences(scanner(log, "e", GapPolicy.fail()).read(5, Long.MAX_VALUE, 2))).isEqualTo(range(6, 7));
    }
}
