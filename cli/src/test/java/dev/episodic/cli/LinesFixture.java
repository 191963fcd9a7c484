package dev.episodic.cli;

import dev.episodic.connect.common.event.EpisodicEvent;
import dev.episodic.connect.common.event.EventJson;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Text files for the sample Lines connector (common test-jar) and its REST JSON; reads JSON-lines output back. */
public final class LinesFixture {
    public static final String CONNECTOR = "dev.episodic.connect.common.sample.LinesSourceConnector";

    private final Path dir;

    public LinesFixture(final Path dir) {
        this.dir = dir;
    }

    public Path file(final String name) {
        return dir.resolve(name);
    }

    public void append(final String name, final int from, final int count) throws IOException {
        StringBuilder lines = new StringBuilder();
        for (int i = from; i < from + count; i++) {
            lines.append(name).append(" line ").append(i).append('\n');
        }
        Files.writeString(file(name), lines.toString(), StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    /** Writes {@code {"name":…,"config":{…}}} for the given files, plus extra config keys. */
    public Path config(final String name, final Map<String, String> extra, final String... files) throws IOException {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("connector.class", CONNECTOR);
        config.put("tasks.max", "1");
        List<String> paths = new ArrayList<>();
        for (String f : files) {
            paths.add(file(f).toString());
        }
        config.put("lines.files", String.join(",", paths));
        config.put("poll.interval.ms", "200");
        config.putAll(extra);
        Path json = dir.resolve(name + ".json");
        Files.writeString(json, EventJson.mapper().writeValueAsString(Map.of("name", name, "config", config)));
        return json;
    }

    public static List<EpisodicEvent> readEvents(final Path jsonLines) throws IOException {
        List<EpisodicEvent> events = new ArrayList<>();
        if (!Files.exists(jsonLines)) {
            return events;
        }
        for (String line : Files.readAllLines(jsonLines, StandardCharsets.UTF_8)) {
            if (!line.isBlank()) {
                events.add(EventJson.fromJson(line));
            }
        }
        return events;
    }

    /** Sequences per stream, in output order. */
    public static Map<String, List<Long>> sequences(final List<EpisodicEvent> events) {
        Map<String, List<Long>> result = new LinkedHashMap<>();
        for (EpisodicEvent e : events) {
            result.computeIfAbsent(e.stream(), s -> new ArrayList<>()).add(e.sequence());
        }
        return result;
    }

    public static List<Long> range(final long from, final long to) {
        List<Long> r = new ArrayList<>();
        for (long i = from; i <= to; i++) {
            r.add(i);
        }
        return r;
    }
}
