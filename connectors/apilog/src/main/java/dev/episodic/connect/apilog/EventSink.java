package dev.episodic.connect.apilog;

import dev.episodic.connect.common.event.EpisodicEvent;
import java.time.Instant;
import java.util.Map;

/**
 * Where a stream puts the events of the lines it reads, each with its cursor after the line. Implemented by the
 * read-ahead's {@link EventChunk}; a stream stops reading when the sink is full.
 */
interface EventSink {
    boolean hasRoom();

    /** The ingestion time stamped on the events going into this sink. */
    Instant ingestedAt();

    void add(Map<String, String> partition, ApiLogFileCursor cursorAfter, EpisodicEvent event);
}
