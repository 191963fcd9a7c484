package dev.episodic.connect.apilog;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/**
 * Finds complete lines in a file, reading it in large chunks into one reused buffer. Positions are byte offsets
 * in the file. A line without its newline yet is not returned until the newline arrives (or the caller says the
 * file is finished). A line longer than the maximum is cut: its first {@code maxLine} bytes are returned with
 * {@link #truncated()} set and the rest up to the newline is skipped.
 */
final class LineReader {
    private final FileChannel channel;
    private final int maxLine;
    /** Grows from its initial size up to one maximal line (plus CR LF) only when a line needs it. */
    private byte[] buf;
    private ByteBuffer window;
    /** File offset of buf[0]. */
    private long bufPos;
    /** Start of the unconsumed data (the current line) and end of the data in buf. */
    private int head;
    private int tail;
    /** Where the newline search resumes (no newline in [head, scan)). */
    private int scan;

    /** State of a line being skipped past its maximum: its first bytes, its start and its length so far. */
    private byte[] cut;
    private boolean skipping;
    private long skipStart;
    private long skipLength;

    // The current line.
    private byte[] lineBuf;
    private int lineFrom;
    private int lineTo;
    private long lineStart;
    private long lineEnd;
    private boolean truncated;
    private long lineBytes;

    LineReader(final FileChannel channel, final long position, final int maxLine, final int bufferSize) {
        this.channel = channel;
        this.maxLine = maxLine;
        this.buf = new byte[Math.min(bufferSize, maxLine + 2)];
        this.window = ByteBuffer.wrap(buf);
        this.bufPos = position;
    }

    /** Offset after the last line returned: where reading resumes. */
    long position() {
        return skipping ? skipStart : bufPos + head;
    }

    /**
     * Moves to the next complete line; false when none is complete yet (more may come later). Returns at most one
     * read's worth of new data per call beyond what is buffered, so callers stay responsive.
     */
    boolean next() throws IOException {
        while (true) {
            if (skipping) {
                int nl = indexOfNewline(head, tail);
                if (nl >= 0) {
                    skipLength += nl - head;
                    long end = bufPos + nl + 1;
                    head = nl + 1;
                    scan = head;
                    skipping = false;
                    return setLine(cut, 0, maxLine, skipStart, end, true, skipLength);
                }
                skipLength += tail - head;
                head = tail;
                scan = tail;
            } else {
                int nl = indexOfNewline(scan, tail);
                if (nl >= 0) {
                    int from = head;
                    int end = trimCr(buf, from, nl);
                    head = nl + 1;
                    scan = head;
                    boolean tooLong = end - from > maxLine;
                    return setLine(buf, from, tooLong ? from + maxLine : end, bufPos + from, bufPos + nl + 1,
                            tooLong, nl - from);
                }
                scan = tail;
                // One byte more than the maximum may be the CR of a line that fits.
                if (tail - head > maxLine + 1) {
                    startSkipping();
                    continue;
                }
            }
            if (read() <= 0) {
                return false;
            }
        }
    }

    /**
     * The unterminated rest of the file as a last line, for a file that will not grow (rotated away or deleted);
     * false when nothing is left. Reads to the end first.
     */
    boolean rest() throws IOException {
        if (next()) {
            return true;
        }
        // next() returned false: the whole file is buffered and no newline is left in it.
        if (skipping) {
            skipping = false;
            head = tail;
            scan = tail;
            return setLine(cut, 0, maxLine, skipStart, bufPos + tail, true, skipLength);
        }
        if (tail > head) {
            int from = head;
            head = tail;
            scan = tail;
            return setLine(buf, from, trimCr(buf, from, tail), bufPos + from, bufPos + tail, false, tail - from);
        }
        return false;
    }

    private void startSkipping() {
        if (cut == null) {
            cut = new byte[maxLine];
        }
        System.arraycopy(buf, head, cut, 0, maxLine);
        skipping = true;
        skipStart = bufPos + head;
        skipLength = maxLine;
        head += maxLine;
        scan = head;
    }

    private boolean setLine(final byte[] bytes, final int from, final int to, final long start, final long end,
                            final boolean cutLine, final long length) {
        lineBuf = bytes;
        lineFrom = from;
        lineTo = to;
        lineStart = start;
        lineEnd = end;
        truncated = cutLine;
        lineBytes = length;
        return true;
    }

    private static int trimCr(final byte[] b, final int from, final int to) {
        return to > from && b[to - 1] == '\r' ? to - 1 : to;
    }

    /** Compacts the buffer and reads more; returns bytes read, 0 at the current end of the file. */
    private int read() throws IOException {
        if (head > 0) {
            int live = tail - head;
            System.arraycopy(buf, head, buf, 0, live);
            bufPos += head;
            scan -= head;
            tail = live;
            head = 0;
        }
        if (tail == buf.length) {
            if (buf.length >= maxLine + 2) {
                return 0;
            }
            byte[] bigger = new byte[(int) Math.min((long) buf.length * 2, maxLine + 2L)];
            System.arraycopy(buf, 0, bigger, 0, tail);
            buf = bigger;
            window = ByteBuffer.wrap(buf);
        }
        window.limit(buf.length).position(tail);
        int n = channel.read(window, bufPos + tail);
        if (n > 0) {
            tail += n;
        }
        return Math.max(n, 0);
    }

    private int indexOfNewline(final int from, final int to) {
        return ByteScan.indexOf(buf, from, to, (byte) '\n');
    }

    byte[] lineBuf() {
        return lineBuf;
    }

    int lineFrom() {
        return lineFrom;
    }

    int lineTo() {
        return lineTo;
    }

    /** File offset of the line's first byte. */
    long lineStart() {
        return lineStart;
    }

    /** File offset after the line and its newline. */
    long lineEnd() {
        return lineEnd;
    }

    boolean truncated() {
        return truncated;
    }

    /** The line's full length in bytes, before any cut, without its line end. */
    long lineBytes() {
        return lineBytes;
    }
}
