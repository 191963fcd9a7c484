package dev.episodic.connect.filesystem.git;

import java.util.Arrays;

import org.eclipse.jgit.diff.Edit;
import org.eclipse.jgit.diff.EditList;

/**
 * Line diff whose added/deleted counts equal git's default (myers) diff, heuristics included.
 *
 * <p>A minimal edit script is not enough: on heavy rewrites git's xdiff deliberately gives up
 * minimality for speed, so its numstat can report more changed lines than the minimum (the
 * golden test has such a file). This class follows the same documented procedure so the
 * numbers agree:
 * <ol>
 * <li>lines are grouped into equivalence classes (exact bytes, line terminator included), with
 *     per-file occurrence counts;</li>
 * <li>the common head and tail are trimmed;</li>
 * <li>lines absent from the other file are marked changed up front; lines occurring very often
 *     in the other file (at least about sqrt(n) times, capped at 1024) are also marked changed
 *     when they sit in a run dominated by such lines (window of 100 lines each side, ratio 1:4);</li>
 * <li>the remaining lines go through Myers' bidirectional middle-snake search which, unless a
 *     minimal answer is required, accepts a long diagonal snake once the cost exceeds 256, and
 *     after sqrt(size) (at least 256) steps takes the furthest-reaching point as the split.</li>
 * </ol>
 * Counts do not depend on where git later slides hunks for readability, so that step is skipped.
 * Not thread-safe (reuses scratch buffers).
 */
final class LineDiff {

    private static final int MAX_EQ_LIMIT = 1024;
    private static final int SIMSCAN_WINDOW = 100;
    private static final int KPDIS_RUN = 4;
    private static final int MAX_COST_MIN = 256;
    private static final int HEUR_MIN_COST = 256;
    private static final int SNAKE_CNT = 20;
    private static final int K_HEUR = 4;

    /** Outcome: per-line change marks for both sides. */
    static final class Result {
        final boolean[] changedA;
        final boolean[] changedB;
        final int deleted;
        final int added;

        private Result(boolean[] changedA, boolean[] changedB) {
            this.changedA = changedA;
            this.changedB = changedB;
            this.deleted = count(changedA);
            this.added = count(changedB);
        }

        /** Changed regions as an edit list (for patch text), regions in file order. */
        EditList edits() {
            EditList edits = new EditList();
            int i = 0;
            int j = 0;
            int n = changedA.length;
            int m = changedB.length;
            while (i < n || j < m) {
                if ((i < n && changedA[i]) || (j < m && changedB[j])) {
                    int i0 = i;
                    int j0 = j;
                    while (i < n && changedA[i]) {
                        i++;
                    }
                    while (j < m && changedB[j]) {
                        j++;
                    }
                    edits.add(new Edit(i0, i, j0, j));
                } else {
                    i++;
                    j++;
                }
            }
            return edits;
        }

        private static int count(boolean[] marks) {
            int c = 0;
            for (boolean b : marks) {
                if (b) {
                    c++;
                }
            }
            return c;
        }
    }

    private LineDiff() {
    }

    static Result diff(byte[] a, byte[] b) {
        int[] startsA = lineStarts(a);
        int[] startsB = lineStarts(b);
        int n = startsA.length - 1;
        int m = startsB.length - 1;
        LineClasses classes = new LineClasses(n + m);
        int[] haA = new int[n];
        int[] haB = new int[m];
        for (int i = 0; i < n; i++) {
            haA[i] = classes.classify(a, startsA[i], startsA[i + 1], 0);
        }
        for (int i = 0; i < m; i++) {
            haB[i] = classes.classify(b, startsB[i], startsB[i + 1], 1);
        }
        boolean[] changedA = new boolean[n];
        boolean[] changedB = new boolean[m];

        int lim = Math.min(n, m);
        int start = 0;
        while (start < lim && haA[start] == haB[start]) {
            start++;
        }
        int tail = 0;
        while (tail < lim - start && haA[n - 1 - tail] == haB[m - 1 - tail]) {
            tail++;
        }
        int endA = n - tail - 1;
        int endB = m - tail - 1;

        Reduced ra = reduce(haA, start, endA, classes.countsB, changedA);
        Reduced rb = reduce(haB, start, endB, classes.countsA, changedB);
        new Splitter(ra, rb).run(changedA, changedB);
        return new Result(changedA, changedB);
    }

    /** Offsets where each line starts, plus the end offset; a last line without newline counts. */
    private static int[] lineStarts(byte[] data) {
        int lines = 0;
        for (byte x : data) {
            if (x == '\n') {
                lines++;
            }
        }
        if (data.length > 0 && data[data.length - 1] != '\n') {
            lines++;
        }
        int[] starts = new int[lines + 1];
        int k = 1;
        for (int i = 0; i < data.length; i++) {
            if (data[i] == '\n' && k <= lines) {
                starts[k++] = i + 1;
            }
        }
        starts[lines] = data.length;
        return starts;
    }

    /** The lines still to be matched after pre-discarding, with their original line numbers. */
    private record Reduced(int[] ha, int[] index, int size) {
    }

    /**
     * Pre-discards lines of one side between {@code start} and {@code end} (inclusive):
     * 0 = no match in the other file (always discarded), 2 = too many matches (discarded inside
     * runs of unmatched lines), 1 = kept.
     */
    private static Reduced reduce(int[] ha, int start, int end, int[] otherCounts, boolean[] changed) {
        int total = ha.length;
        int limit = Math.min(bogoSqrt(total), MAX_EQ_LIMIT);
        byte[] dis = new byte[Math.max(0, total + 1)];
        for (int i = start; i <= end; i++) {
            int matches = otherCounts[ha[i]];
            dis[i] = (byte) (matches == 0 ? 0 : matches >= limit ? 2 : 1);
        }
        int[] keptHa = new int[Math.max(0, end - start + 1)];
        int[] keptIndex = new int[keptHa.length];
        int kept = 0;
        for (int i = start; i <= end; i++) {
            if (dis[i] == 1 || (dis[i] == 2 && !discardMultiMatch(dis, i, start, end))) {
                keptIndex[kept] = i;
                keptHa[kept] = ha[i];
                kept++;
            } else {
                changed[i] = true;
            }
        }
        return new Reduced(keptHa, keptIndex, kept);
    }

    /** Whether a frequently matching line sits in a run mostly made of unmatched lines. */
    private static boolean discardMultiMatch(byte[] dis, int i, int s, int e) {
        if (i - s > SIMSCAN_WINDOW) {
            s = i - SIMSCAN_WINDOW;
        }
        if (e - i > SIMSCAN_WINDOW) {
            e = i + SIMSCAN_WINDOW;
        }
        int noMatchBefore = 0;
        int multiBefore = 1;
        for (int r = 1; i - r >= s; r++) {
            if (dis[i - r] == 0) {
                noMatchBefore++;
            } else if (dis[i - r] == 2) {
                multiBefore++;
            } else {
                break;
            }
        }
        if (noMatchBefore == 0) {
            return false;
        }
        int noMatchAfter = 0;
        int multiAfter = 1;
        for (int r = 1; i + r <= e; r++) {
            if (dis[i + r] == 0) {
                noMatchAfter++;
            } else if (dis[i + r] == 2) {
                multiAfter++;
            } else {
                break;
            }
        }
        if (noMatchAfter == 0) {
            return false;
        }
        int noMatch = noMatchBefore + noMatchAfter;
        int multi = multiBefore + multiAfter;
        return multi * KPDIS_RUN < multi + noMatch;
    }

    /** Integer square root approximation by shifts, the same rounding git uses for its limits. */
    private static int bogoSqrt(long n) {
        int i = 1;
        for (long v = n; v > 0; v >>= 2) {
            i <<= 1;
        }
        return i;
    }

    /** Myers divide and conquer over the reduced sequences, with git's cost heuristics. */
    private static final class Splitter {
        private final int[] ha1;
        private final int[] ha2;
        private final Reduced r1;
        private final Reduced r2;
        private final long[] kvdf;
        private final long[] kvdb;
        private final int fBase;
        private final int bBase;
        private final long maxCost;
        private long splitI1;
        private long splitI2;
        private boolean minLo;
        private boolean minHi;

        Splitter(Reduced r1, Reduced r2) {
            this.r1 = r1;
            this.r2 = r2;
            this.ha1 = r1.ha();
            this.ha2 = r2.ha();
            int ndiags = r1.size() + r2.size() + 3;
            this.kvdf = new long[ndiags];
            this.kvdb = new long[ndiags];
            this.fBase = r2.size() + 1;
            this.bBase = r2.size() + 1;
            this.maxCost = Math.max(bogoSqrt(ndiags), MAX_COST_MIN);
        }

        /** Explicit stack instead of recursion: sub-boxes are independent, so order is irrelevant. */
        void run(boolean[] changedA, boolean[] changedB) {
            long[] stack = new long[64 * 5];
            int sp = 0;
            stack = push(stack, sp, 0, r1.size(), 0, r2.size(), 0);
            sp += 5;
            while (sp > 0) {
                sp -= 5;
                int off1 = (int) stack[sp];
                int lim1 = (int) stack[sp + 1];
                int off2 = (int) stack[sp + 2];
                int lim2 = (int) stack[sp + 3];
                boolean needMin = stack[sp + 4] != 0;
                while (off1 < lim1 && off2 < lim2 && ha1[off1] == ha2[off2]) {
                    off1++;
                    off2++;
                }
                while (off1 < lim1 && off2 < lim2 && ha1[lim1 - 1] == ha2[lim2 - 1]) {
                    lim1--;
                    lim2--;
                }
                if (off1 == lim1) {
                    for (int k = off2; k < lim2; k++) {
                        changedB[r2.index()[k]] = true;
                    }
                } else if (off2 == lim2) {
                    for (int k = off1; k < lim1; k++) {
                        changedA[r1.index()[k]] = true;
                    }
                } else {
                    split(off1, lim1, off2, lim2, needMin);
                    int s1 = (int) splitI1;
                    int s2 = (int) splitI2;
                    boolean lo = minLo;
                    boolean hi = minHi;
                    stack = push(stack, sp, s1, lim1, s2, lim2, hi ? 1 : 0);
                    sp += 5;
                    stack = push(stack, sp, off1, s1, off2, s2, lo ? 1 : 0);
                    sp += 5;
                }
            }
        }

        private static long[] push(long[] stack, int sp, long a, long b, long c, long d, long e) {
            long[] s = sp + 5 > stack.length ? Arrays.copyOf(stack, stack.length * 2) : stack;
            s[sp] = a;
            s[sp + 1] = b;
            s[sp + 2] = c;
            s[sp + 3] = d;
            s[sp + 4] = e;
            return s;
        }

        private long f(long d) {
            return kvdf[(int) (d + fBase)];
        }

        private void setF(long d, long v) {
            kvdf[(int) (d + fBase)] = v;
        }

        private long b(long d) {
            return kvdb[(int) (d + bBase)];
        }

        private void setB(long d, long v) {
            kvdb[(int) (d + bBase)] = v;
        }

        private void split(long off1, long lim1, long off2, long lim2, boolean needMin) {
            long dmin = off1 - lim2;
            long dmax = lim1 - off2;
            long fmid = off1 - off2;
            long bmid = lim1 - lim2;
            boolean odd = ((fmid - bmid) & 1) != 0;
            long fmin = fmid;
            long fmax = fmid;
            long bmin = bmid;
            long bmax = bmid;
            setF(fmid, off1);
            setB(bmid, lim1);

            for (long ec = 1;; ec++) {
                boolean gotSnake = false;

                if (fmin > dmin) {
                    setF(--fmin - 1, -1);
                } else {
                    ++fmin;
                }
                if (fmax < dmax) {
                    setF(++fmax + 1, -1);
                } else {
                    --fmax;
                }
                for (long d = fmax; d >= fmin; d -= 2) {
                    long i1 = f(d - 1) >= f(d + 1) ? f(d - 1) + 1 : f(d + 1);
                    long prev1 = i1;
                    long i2 = i1 - d;
                    while (i1 < lim1 && i2 < lim2 && ha1[(int) i1] == ha2[(int) i2]) {
                        i1++;
                        i2++;
                    }
                    if (i1 - prev1 > SNAKE_CNT) {
                        gotSnake = true;
                    }
                    setF(d, i1);
                    if (odd && bmin <= d && d <= bmax && b(d) <= i1) {
                        found(i1, i2, true, true);
                        return;
                    }
                }

                if (bmin > dmin) {
                    setB(--bmin - 1, Long.MAX_VALUE);
                } else {
                    ++bmin;
                }
                if (bmax < dmax) {
                    setB(++bmax + 1, Long.MAX_VALUE);
                } else {
                    --bmax;
                }
                for (long d = bmax; d >= bmin; d -= 2) {
                    long i1 = b(d - 1) < b(d + 1) ? b(d - 1) : b(d + 1) - 1;
                    long prev1 = i1;
                    long i2 = i1 - d;
                    while (i1 > off1 && i2 > off2 && ha1[(int) i1 - 1] == ha2[(int) i2 - 1]) {
                        i1--;
                        i2--;
                    }
                    if (prev1 - i1 > SNAKE_CNT) {
                        gotSnake = true;
                    }
                    setB(d, i1);
                    if (!odd && fmin <= d && d <= fmax && i1 <= f(d)) {
                        found(i1, i2, true, true);
                        return;
                    }
                }

                if (needMin) {
                    continue;
                }

                if (gotSnake && ec > HEUR_MIN_COST) {
                    long best = 0;
                    for (long d = fmax; d >= fmin; d -= 2) {
                        long dd = d > fmid ? d - fmid : fmid - d;
                        long i1 = f(d);
                        long i2 = i1 - d;
                        long v = (i1 - off1) + (i2 - off2) - dd;
                        if (v > K_HEUR * ec && v > best && off1 + SNAKE_CNT <= i1 && i1 < lim1
                                && off2 + SNAKE_CNT <= i2 && i2 < lim2) {
                            for (int k = 1; ha1[(int) (i1 - k)] == ha2[(int) (i2 - k)]; k++) {
                                if (k == SNAKE_CNT) {
                                    best = v;
                                    splitI1 = i1;
                                    splitI2 = i2;
                                    break;
                                }
                            }
                        }
                    }
                    if (best > 0) {
                        minLo = true;
                        minHi = false;
                        return;
                    }
                    for (long d = bmax; d >= bmin; d -= 2) {
                        long dd = d > bmid ? d - bmid : bmid - d;
                        long i1 = b(d);
                        long i2 = i1 - d;
                        long v = (lim1 - i1) + (lim2 - i2) - dd;
                        if (v > K_HEUR * ec && v > best && off1 < i1 && i1 <= lim1 - SNAKE_CNT
                                && off2 < i2 && i2 <= lim2 - SNAKE_CNT) {
                            for (int k = 0; ha1[(int) (i1 + k)] == ha2[(int) (i2 + k)]; k++) {
                                if (k == SNAKE_CNT - 1) {
                                    best = v;
                                    splitI1 = i1;
                                    splitI2 = i2;
                                    break;
                                }
                            }
                        }
                    }
                    if (best > 0) {
                        minLo = false;
                        minHi = true;
                        return;
                    }
                }

                if (ec >= maxCost) {
                    long fbest = -1;
                    long fbest1 = -1;
                    for (long d = fmax; d >= fmin; d -= 2) {
                        long i1 = Math.min(f(d), lim1);
                        long i2 = i1 - d;
                        if (lim2 < i2) {
                            i1 = lim2 + d;
                            i2 = lim2;
                        }
                        if (fbest < i1 + i2) {
                            fbest = i1 + i2;
                            fbest1 = i1;
                        }
                    }
                    long bbest = Long.MAX_VALUE;
                    long bbest1 = Long.MAX_VALUE;
                    for (long d = bmax; d >= bmin; d -= 2) {
                        long i1 = Math.max(off1, b(d));
                        long i2 = i1 - d;
                        if (i2 < off2) {
                            i1 = off2 + d;
                            i2 = off2;
                        }
                        if (i1 + i2 < bbest) {
                            bbest = i1 + i2;
                            bbest1 = i1;
                        }
                    }
                    if ((lim1 + lim2) - bbest < fbest - (off1 + off2)) {
                        found(fbest1, fbest - fbest1, true, false);
                    } else {
                        found(bbest1, bbest - bbest1, false, true);
                    }
                    return;
                }
            }
        }

        private void found(long i1, long i2, boolean lo, boolean hi) {
            splitI1 = i1;
            splitI2 = i2;
            minLo = lo;
            minHi = hi;
        }
    }

    /** Equivalence classes of lines by exact bytes, with how often each occurs in either file. */
    private static final class LineClasses {
        private int[] table;
        private int[] classHash = new int[64];
        private byte[][] classData = new byte[64][];
        private int[] classStart = new int[64];
        private int[] classEnd = new int[64];
        int[] countsA = new int[64];
        int[] countsB = new int[64];
        private int size;

        LineClasses(int expectedLines) {
            int cap = Integer.highestOneBit(Math.max(16, expectedLines) * 2) * 2;
            table = new int[cap];
            Arrays.fill(table, -1);
        }

        int classify(byte[] data, int start, int end, int side) {
            int h = 1;
            for (int i = start; i < end; i++) {
                h = h * 31 + data[i];
            }
            h ^= h >>> 16;
            int mask = table.length - 1;
            int slot = h & mask;
            while (true) {
                int c = table[slot];
                if (c < 0) {
                    c = add(h, data, start, end);
                    table[slot] = c;
                    break;
                }
                if (classHash[c] == h && Arrays.equals(classData[c], classStart[c], classEnd[c], data, start, end)) {
                    table[slot] = c;
                    break;
                }
                slot = (slot + 1) & mask;
            }
            int c = table[slot];
            if (side == 0) {
                countsA[c]++;
            } else {
                countsB[c]++;
            }
            return c;
        }

        private int add(int h, byte[] data, int start, int end) {
            if (size == classHash.length) {
                int cap = size * 2;
                classHash = Arrays.copyOf(classHash, cap);
                classData = Arrays.copyOf(classData, cap);
                classStart = Arrays.copyOf(classStart, cap);
                classEnd = Arrays.copyOf(classEnd, cap);
                countsA = Arrays.copyOf(countsA, cap);
                countsB = Arrays.copyOf(countsB, cap);
            }
            classHash[size] = h;
            classData[size] = data;
            classStart[size] = start;
            classEnd[size] = end;
            return size++;
        }
    }
}
