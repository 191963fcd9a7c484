package dev.episodic.connect.common.sample;

import dev.episodic.connect.common.connector.TaskAssignments;
import dev.episodic.connect.common.cursor.StreamPartition;
import dev.episodic.connect.common.event.EpisodicEvent;
import dev.episodic.connect.common.event.SourceType;
import dev.episodic.connect.common.task.EpisodicSourceTask;
import dev.episodic.connect.common.task.EventBatch;
import dev.episodic.connect.common.task.RetryLaterException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.errors.ConnectException;

/**
 * Reads whole lines appended to its files; a partial last line waits for its newline. Shaped like a source API
 * client so the common metrics can be seen moving: each read of a file is a request, a file whose size did not
 * change counts as "not modified", a blank line is unparsed input, and a missing file is a fault that passes.
 */
public final class LinesSourceTask extends EpisodicSourceTask<LinesConfig> {
    private final Map<String, LinesCursor> cursors = new LinkedHashMap<>();
    private final Map<String, Path> files = new LinkedHashMap<>();
    private final Map<String, Long> sizes = new LinkedHashMap<>();

    @Override
    public String version() {
        return "test";
    }

    @Override
    protected LinesConfig parseConfig(final Map<String, String> props) {
        return new LinesConfig(props);
    }

    @Override
    protected void open(final LinesConfig config) {
        for (String file : TaskAssignments.decode(LinesConfig.TASK_FILES, config.getString(LinesConfig.TASK_FILES))) {
            String stream = "lines:" + Path.of(file).getFileName();
            files.put(stream, Path.of(file));
            Map<String, Object> offset = context.offsetStorageReader().offset(StreamPartition.of(stream));
            cursors.put(stream, LinesCursor.CODEC.read(stream, offset).orElse(new LinesCursor(0, 0)));
        }
    }

    @Override
    protected void fill(final EventBatch batch) {
        for (Map.Entry<String, Path> entry : files.entrySet()) {
            String stream = entry.getKey();
            LinesCursor cursor = cursors.get(stream);
            if (!changedSinceLastRead(stream, entry.getValue())) {
                continue;
            }
            List<String> lines = readCompleteLines(entry.getValue());
            for (long i = cursor.lines(); i < lines.size() && batch.hasRoom(); i++) {
                cursor = new LinesCursor(cursor.seq() + 1, i + 1);
                String line = lines.get((int) i);
                boolean blank = line.isBlank();
                if (blank) {
                    metrics().unparsedInput();
                }
                EpisodicEvent event = EpisodicEvent.builder()
                        .eventId(stream + ":" + (i + 1)).sourceType(SourceType.FILESYSTEM)
                        .sourceId(config().sourceId()).stream(stream).sequence(cursor.seq())
                        .eventType(blank ? "line_unparsed" : "line")
                        .occurredAt(Instant.ofEpochSecond(1_700_000_000L + i))
                        .ingestedAt(batch.ingestedAt()).content(line)
                        .attribute("line", i + 1).build();
                batch.add(StreamPartition.of(stream), cursor, event);
                cursors.put(stream, cursor);
            }
            if (cursor.lines() < lines.size()) {
                sizes.remove(stream); // lines left over: the next round must read the file again
            }
            if (!batch.hasRoom()) {
                batch.markMoreAvailable();
                return;
            }
        }
    }

    /** The sample's conditional request: an unchanged size answers "not modified" without reading the file. */
    private boolean changedSinceLastRead(final String stream, final Path file) {
        metrics().sourceRequest();
        long size;
        try {
            size = Files.size(file);
        } catch (IOException e) {
            sizes.remove(stream);
            throw new RetryLaterException(file + " cannot be read (" + e.getClass().getSimpleName()
                    + "); retrying until it is back", e);
        }
        Long previous = sizes.put(stream, size);
        if (previous != null && previous == size) {
            metrics().notModified();
            return false;
        }
        return true;
    }

    private static List<String> readCompleteLines(final Path file) {
        try {
            String text = Files.readString(file, StandardCharsets.UTF_8);
            int end = text.lastIndexOf('\n');
            return end < 0 ? List.of() : List.of(text.substring(0, end).split("\n", -1));
        } catch (IOException e) {
            throw new ConnectException("Cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    protected void close() {
        files.clear();
    }
}
