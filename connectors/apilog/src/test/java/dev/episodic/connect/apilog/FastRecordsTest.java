package dev.episodic.connect.apilog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.episodic.connect.common.event.EpisodicEvent;
import dev.episodic.connect.common.event.EventSchemas;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.header.Header;
import org.apache.kafka.connect.json.JsonConverter;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.storage.SimpleHeaderConverter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link FastRecords} builds the same record as common's {@code EventRecords.toSourceRecord} (reached through the
 * task's {@code EventBatch}): equal records, and the same bytes once converted as a worker would, for every event
 * of the golden files (all the malformed cases) and thousands of generated lines over several streams.
 */
class FastRecordsTest {
    @TempDir
    Path dir;

    @Test
    void directStructSlotsAreAvailableOnThisKafkaVersion() {
        // If this fails, a Kafka upgrade renamed Struct.values: FastRecords falls back to validated puts.
        assertThat(FastRecords.FAST_STRUCT).isTrue();
    }

    @Test
    void recordsEqualCommonsForEveryGoldenAndGeneratedEvent() throws Exception {
        for (String golden : List.of("combined.log", "common.log", "json.log")) {
            try (InputStream in = getClass().getResourceAsStream("/golden/" + golden)) {
                Files.copy(in, dir.resolve(golden));
            }
        }
        Path logs = Files.createDirectories(dir.resolve("gen"));
        for (int f = 0; f < 3; f++) {
            LogLines.append(logs.resolve("app" + f + ".log"), LogLines.lines(f * 1000, f * 1000 + 3000));
        }
        List<SourceRecord> common;
        try (TaskHarness h = new TaskHarness(Map.of("apilog.paths", dir + "/*.log," + logs + "/*.log",
                "source.id", "fast", "topic", "t.fast"))) {
            h.drain();
            common = new ArrayList<>(h.records());
        }
        assertThat(common).hasSizeGreaterThan(9000);
        assertThat(common.stream().map(r -> ((Struct) r.value()).getString("event_type")).distinct())
                .containsExactlyInAnyOrder(ApiLogEvents.HTTP_REQUEST, ApiLogEvents.HTTP_REQUEST_UNPARSED);

        JsonConverter values = new JsonConverter();
        values.configure(Map.of("schemas.enable", "true"), false);
        JsonConverter keys = new JsonConverter();
        keys.configure(Map.of("schemas.enable", "true"), true);
        SimpleHeaderConverter headers = new SimpleHeaderConverter();
        for (boolean direct : new boolean[] {true, false}) {
            FastRecords fast = new FastRecords("t.fast", direct);
            for (SourceRecord expected : common) {
                EpisodicEvent event = EventSchemas.fromStruct((Struct) expected.value());
                SourceRecord actual = fast.toSourceRecord(expected.sourcePartition(), expected.sourceOffset(), event);
                assertThat(actual).isEqualTo(expected);
                ((Struct) actual.value()).validate();
                assertThat(actual.timestamp()).isEqualTo(expected.timestamp());
                assertThat(values.fromConnectData(actual.topic(), actual.valueSchema(), actual.value()))
                        .isEqualTo(values.fromConnectData(expected.topic(), expected.valueSchema(), expected.value()));
                assertThat(keys.fromConnectData(actual.topic(), actual.keySchema(), actual.key()))
                        .isEqualTo(keys.fromConnectData(expected.topic(), expected.keySchema(), expected.key()));
                assertThat(headerBytes(headers, actual)).isEqualTo(headerBytes(headers, expected));
                assertThat(actual.sourceOffset()).isEqualTo(expected.sourceOffset());
            }
        }
    }

    private static List<String> headerBytes(final SimpleHeaderConverter converter, final SourceRecord record) {
        List<String> out = new ArrayList<>();
        for (Header h : record.headers()) {
            out.add(h.key() + "=" + new String(converter.fromConnectHeader(record.topic(), h.key(), h.schema(),
                    h.value()), java.nio.charset.StandardCharsets.UTF_8));
        }
        return out;
    }
}
