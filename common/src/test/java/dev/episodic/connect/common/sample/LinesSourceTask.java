package dev.episodic.connect.common.sample;

import dev.episodic.connect.common.connector.TaskAssignments;
import dev.episodic.connect.common.cursor.StreamPartition;
import dev.episodic.connect.common.event.EpisodicEvent;
import dev.episodic.connect.common.event.SourceType;
import dev.episodic.connect.common.task.EpisodicSourceTask;
import dev.episodic.connect.common.task.EventBatch;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.errors.ConnectException;

/** Reads whole lines appended to its files; a partial last line waits for its newline. */
public final class LinesSourceTask extends EpisodicSourceTask<LinesConfig> {
    private final Map<String, LinesCursor> cursors = new LinkedHashMap<>();
    private final Map<String, Path> files = new LinkedHashMap<>();

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
            List<String> lines = readCompleteLines(entry.getValue());
            for (long i = cursor.lines(); i < lines.size() && batch.hasRoom(); i++) {
                cursor = new LinesCursor(cursor.seq() + 1, i + 1);
                EpisodicEvent event = EpisodicEvent.builder()
                        .eventId(stream + ":" + (i + 1)).sourceType(SourceType.FILESYSTEM)
                        .sourceId(config().sourceId()).stream(stream).sequence(cursor.seq())
                        .eventType("line").occurredAt(Instant.ofEpochSecond(1_700_000_000L + i))
                        .ingestedAt(batch.ingestedAt()).content(lines.get((int) i))
                        .attribute("line", i + 1).build();
                batch.add(StreamPartition.of(stream), cursor, event);
                cursors.put(stream, cursor);
            }
            if (!batch.hasRoom()) {
                batch.markMoreAvailable();
                return;
            }
        }
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
