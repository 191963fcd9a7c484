package dev.episodic.cli.run;

import dev.episodic.connect.common.event.EventJson;
import java.io.BufferedWriter;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.apache.kafka.connect.source.SourceRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One event per line as JSON. To a file, lines are appended and the file is forced to disk after each batch,
 * so a saved cursor never runs ahead of what a crash would leave in the file.
 */
public final class JsonLinesSink implements EventSink {
    private static final Logger LOG = LoggerFactory.getLogger(JsonLinesSink.class);

    private final Writer writer;
    private final FileChannel channel;
    private final String description;
    private final boolean ownsStream;

    private JsonLinesSink(final OutputStream out, final FileChannel channel, final String description, final boolean ownsStream) {
        this.writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 64 * 1024);
        this.channel = channel;
        this.description = description;
        this.ownsStream = ownsStream;
    }

    /** Writes to a stream the caller owns (stdout); flushing is the durability point. */
    public static JsonLinesSink toStream(final OutputStream out, final String description) {
        return new JsonLinesSink(out, null, description, false);
    }

    /**
     * Appends to {@code file}. A partial last line (a crash mid-write) is cut off first: its event's cursor was never
     * saved, so this run writes it again in full.
     */
    public static JsonLinesSink appendTo(final Path file) throws IOException {
        try (FileChannel check = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            long complete = completeLength(check);
            if (complete < check.size()) {
                LOG.warn("{} ends with a partial line ({} bytes) from an interrupted run; removing it, its event follows again",
                        file, check.size() - complete);
                check.truncate(complete);
            }
        }
        FileOutputStream out = new FileOutputStream(file.toFile(), true);
        return new JsonLinesSink(out, out.getChannel(), file.toString(), true);
    }

    /** Length of the file up to and including its last newline. */
    private static long completeLength(final FileChannel channel) throws IOException {
        ByteBuffer chunk = ByteBuffer.allocate(4096);
        long end = channel.size();
        while (end > 0) {
            long start = Math.max(0, end - chunk.capacity());
            chunk.clear().limit((int) (end - start));
            while (chunk.hasRemaining() && channel.read(chunk, start + chunk.position()) >= 0) {
                // Fill the window; FileChannel may read less than asked.
            }
            for (int i = chunk.limit() - 1; i >= 0; i--) {
                if (chunk.get(i) == '\n') {
                    return start + i + 1;
                }
            }
            end = start;
        }
        return 0;
    }

    @Override
    public void deliver(final List<SourceRecord> records) throws IOException {
        for (SourceRecord record : records) {
            EventJson.write(Records.event(record), writer);
            writer.write('\n');
        }
        writer.flush();
        if (channel != null) {
            channel.force(false);
        }
    }

    @Override
    public String describe() {
        return description;
    }

    @Override
    public void close() throws IOException {
        writer.flush();
        if (ownsStream) {
            writer.close();
        }
    }
}
