package dev.episodic.connect.apilog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.episodic.connect.common.event.EpisodicEvent;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Golden lines: each file under {@code src/test/resources/golden} is read by a real task and every event is
 * rendered as one line, compared with the reviewed {@code .golden} file. Covers every malformed case: bad fields,
 * escapes, quotes, CRLF, empty lines, invalid UTF-8, and an unterminated last line (which must not appear).
 * Run with {@code -Dgolden.update=true} to rewrite the expectations after a deliberate change, then review them.
 */
class GoldenFileTest {
    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0} as {1}")
    @CsvSource({"combined.log, combined", "combined.log, auto", "common.log, common", "json.log, json",
        "json.log, auto"})
    void eventsMatchTheGoldenFile(final String input, final String format) throws Exception {
        Path log = dir.resolve(input);
        try (InputStream in = getClass().getResourceAsStream("/golden/" + input)) {
            Files.copy(in, log);
        }
        List<EpisodicEvent> events;
        try (TaskHarness harness = new TaskHarness(Map.of("apilog.paths", log.toString(), "apilog.format", format,
                "source.id", "golden"))) {
            events = harness.drain();
        }
        StringBuilder rendered = new StringBuilder();
        for (EpisodicEvent e : events) {
            rendered.append(render(e, log)).append('\n');
        }
        String goldenName = input.replace(".log", "") + "." + format + ".golden";
        Path golden = Path.of("src/test/resources/golden", goldenName);
        if (Boolean.getBoolean("golden.update")) {
            Files.writeString(golden, rendered.toString(), StandardCharsets.UTF_8);
        }
        assertThat(rendered.toString()).isEqualTo(read(goldenName));
    }

    private static String render(final EpisodicEvent e, final Path log) {
        Map<String, String> attrs = new TreeMap<>(e.attributes());
        StringBuilder s = new StringBuilder();
        s.append(e.sequence()).append(' ').append(e.eventType());
        s.append(" id=").append(e.eventId().replaceAll("^apilog:[0-9a-f]+-[0-9a-f]+:", "apilog:<file>:"));
        if (e.eventType().equals(ApiLogEvents.HTTP_REQUEST)) {
            s.append(" at=").append(attrs.containsKey("time_missing") || attrs.containsKey("time_invalid") ? "<ingested>" : e.occurredAt());
        }
        if (e.actor() != null) {
            s.append(" actor=").append(e.actor());
        }
        if (e.sessionId() != null) {
            s.append(" session=").append(e.sessionId());
        }
        s.append(" subject=").append(e.subject());
        s.append(" attrs=").append(attrs);
        if (e.content() != null) {
            s.append(" content=").append(e.content());
        }
        if (e.payload() != null) {
            s.append(" payload=").append(e.payload());
        }
        assertThat(e.stream()).isEqualTo("apilog:" + log);
        return s.toString().replace("\r", "\\r");
    }

    private String read(final String name) throws IOException {
        try (InputStream in = getClass().getResourceAsStream("/golden/" + name)) {
            assertThat(in).as("golden file " + name + " (create it with -Dgolden.update=true, then review)")
                    .isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
