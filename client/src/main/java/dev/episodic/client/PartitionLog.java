package dev.episodic.client;

import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * The committed records of one partition as the reader's algorithms see them: a start, a committed end, a
 * position to seek, and polls that return records in offset order. Offsets may jump (transaction markers and
 * aborted records take offsets but are never returned), and a poll may return nothing yet move the position.
 */
interface PartitionLog {
    String topic();

    int partition();

    /** First offset still in the log. */
    long beginOffset();

    /** The committed end (last stable offset): every record below it is decided, committed or aborted. */
    long endOffset();

    /**
     * Where the committed end was when last seen, possibly a while ago; looked up when never seen. Cheaper than
     * {@link #endOffset()} (no request once known) but may be stale: use it only as a first guess.
     */
    default long endHint() {
        return endOffset();
    }

    /**
     * The committed end reported by a fetch this log made itself after seeking to a new position, so it is no
     * older than the call that made this log; empty before such a fetch.
     */
    default OptionalLong fetchedEnd() {
        return OptionalLong.empty();
    }

    void seek(long offset);

    /**
     * Like {@link #seek} but keeps the log as it is when it already stands at {@code offset}: a follow that
     * continues where the last one stopped must not drop the fetch its consumer has in flight.
     */
    default void moveTo(final long offset) {
        seek(offset);
    }

    /** The offset the next poll reads from. */
    long position();

    /** Records from the position on (possibly none), waiting at most {@code timeout} for some to arrive. */
    List<ConsumerRecord<byte[], byte[]>> poll(Duration timeout);
}
