package dev.episodic.cli.tail;

import dev.episodic.cli.UsageException;
import dev.episodic.client.EpisodicStreamReader;
import dev.episodic.client.GapPolicy;
import dev.episodic.client.StreamEvent;
import dev.episodic.client.TopicNotFoundException;
import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.apache.kafka.common.errors.WakeupException;

/**
 * One stream through {@link EpisodicStreamReader}: it seeks to {@code --after} without scanning the partition,
 * reads what is committed in pages, and with {@code follow} long-polls for new events. Sequences are checked:
 * repeats are dropped, holes go to the gap policy.
 */
final class StreamTail implements AutoCloseable {
    /** Events per read while catching up; the reader continues each page where the last ended (no seek). */
    private static final int PAGE = 1000;
    /** One long poll when following without --wait; Ctrl-C ends it at once through wakeup(). */
    private static final Duration FOLLOW_SLICE = Duration.ofSeconds(10);

    private final EpisodicStreamReader reader;
    private final String stream;

    StreamTail(final String bootstrap, final String topic, final String stream, final GapPolicy gapPolicy) {
        this.reader = EpisodicStreamReader.builder().bootstrapServers(bootstrap).topic(topic)
                .consumerProperty("client.id", "episodic-tail").gapPolicy(gapPolicy).build();
        this.stream = stream;
    }

    /**
     * Prints the range's committed events, then with {@code follow} new ones until the range or the limit is
     * done, {@code idleWait} passes without a new event (null: never), or {@code keepGoing} says stop.
     */
    long run(final TailRange range, final boolean follow, final Duration idleWait, final Duration topicWait,
             final BooleanSupplier keepGoing, final Consumer<StreamEvent> sink) {
        long printed = 0;
        long after = range.after();
        try {
            awaitTopic(topicWait, keepGoing);
            while (printed < range.limit() && keepGoing.getAsBoolean()) {
                int page = (int) Math.min(PAGE, range.limit() - printed);
                List<StreamEvent> events = reader.read(stream, after, range.before(), page);
                for (StreamEvent e : events) {
                    sink.accept(e);
                    after = e.sequence();
                }
                printed += events.size();
                if (events.size() < page) {
                    break; // the committed end, or --before
                }
            }
            while (follow && printed < range.limit() && after < range.before() - 1 && keepGoing.getAsBoolean()) {
                int page = (int) Math.min(PAGE, range.limit() - printed);
                List<StreamEvent> events = reader.follow(stream, after, idleWait == null ? FOLLOW_SLICE : idleWait, page);
                if (events.isEmpty() && idleWait != null) {
                    break;
                }
                for (StreamEvent e : events) {
                    if (!range.contains(e.sequence())) {
                        return printed;
                    }
                    sink.accept(e);
                    after = e.sequence();
                    printed++;
                }
            }
        } catch (WakeupException stopped) {
            // wakeup() from another thread (Ctrl-C): what was printed stays printed.
        }
        return printed;
    }

    private void awaitTopic(final Duration wait, final BooleanSupplier keepGoing) {
        long deadline = System.nanoTime() + wait.toNanos();
        while (keepGoing.getAsBoolean()) {
            try {
                reader.partitionOf(stream);
                return;
            } catch (TopicNotFoundException e) {
                if (System.nanoTime() > deadline) {
                    throw new UsageException(e.getMessage() + "; check --topic");
                }
            }
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** Interrupts a {@link #run} blocked in a read or long poll; safe from any thread. */
    void wakeup() {
        reader.wakeup();
    }

    @Override
    public void close() {
        reader.close();
    }
}
