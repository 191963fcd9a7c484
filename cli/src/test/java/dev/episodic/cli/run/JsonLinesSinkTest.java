package dev.episodic.cli.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.episodic.connect.common.cursor.OffsetMap;
import dev.episodic.connect.common.cursor.StreamPartition;
import dev.episodic.connect.common.event.EpisodicEvent;
import dev.episodic.connect.common.event.EventJson;
import dev.episodic.connect.common.event.EventRecords;
import dev.episodic.connect.common.event.SourceType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonLinesSinkTest {
    @TempDir
    Path dir;

    static SourceRecord record(final long seq) {
        EpisodicEvent e = EpisodicEvent.builder().eventId("t:" + seq).sourceType(SourceType.FILESYSTEM).sourceId("s")
                .stream("st").sequence(seq).eventType("line").occurredAt(Instant.ofEpochSecond(seq))
                .ingestedAt(Instant.ofEpochSecond(99)).content("x".repeat(5000)).build();
        return EventRecords.toSourceRecord("t", StreamPartition.of("st"), OffsetMap.of(1, seq).build(), e);
    }

    @Test
    void appendsOneJsonLinePerEvent() throws Exception {
        Path file = dir.resolve("out.jsonl");
        try (JsonLinesSink sink = JsonLinesSink.appendTo(file)) {
            sink.deliver(List.of(record(1), record(2)));
        }
        try (JsonLinesSink sink = JsonLinesSink.appendTo(file)) {
            sink.deliver(List.of(record(3)));
        }
        List<String> lines = Files.readAllLines(file);
        assertThat(lines).hasSize(3);
        assertThat(EventJson.fromJson(lines.get(2)).sequence()).isEqualTo(3);
    }

    @Test
    void cutsOffAPartialLastLineLeftByACrash() throws Exception {
        Path file = dir.resolve("out.jsonl");
        try (JsonLinesSink sink = JsonLinesSink.appendTo(file)) {
            sink.deliver(List.of(record(1)));
        }
        String complete = Files.readString(file);
        // Longer than the 4 KiB scan window, so the scan must cross chunks.
        Files.writeString(file, complete + EventJson.toJson(EventJson.fromJson(complete.trim())).substring(0, 4500),
                StandardCharsets.UTF_8);
        try (JsonLinesSink sink = JsonLinesSink.appendTo(file)) {
            sink.deliver(List.of(record(2)));
        }
        List<String> lines = Files.readAllLines(file);
        assertThat(lines).hasSize(2);
        assertThat(lines).allSatisfy(l -> assertThat(EventJson.fromJson(l)).isNotNull());
    }

    @Test
    void fileWithoutAnyNewlineIsAllPartial() throws Exception {
        Path file = dir.resolve("out.jsonl");
        Files.writeString(file, "{\"event_id\":");
        try (JsonLinesSink sink = JsonLinesSink.appendTo(file)) {
            sink.deliver(List.of(record(1)));
        }
        assertThat(Files.readAllLines(file)).hasSize(1);
    }
}
