package dev.episodic.connect.apilog;

/**
 * Where a stream puts the lines it reads, each with where it came from and the stream's cursor after it.
 * Implemented by the read-ahead's {@link EventChunk}; a stream stops reading when the sink is full.
 */
interface EventSink {
    boolean hasRoom();

    /** Takes the reader's current line (its bytes are copied: the reader's buffer moves on). */
    void add(LineOrigin origin, LineReader line, ApiLogFileCursor cursorAfter);
}
