package dev.episodic.connect.common.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import org.apache.kafka.connect.json.JsonConverter;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.Test;

class EventJsonTest {
    private static EpisodicEvent sample(final String payload, final String actor) {
        return EpisodicEvent.builder()
                .eventId("git:commit:repo:abc").sourceType(SourceType.GIT).sourceId("my-git").stream("git:repo")
                .sequence(42).eventType("commit")
                .occurredAt(Instant.parse("2024-05-01T10:15:30.123Z"))
                .ingestedAt(Instant.parse("2024-05-02T00:00:00Z"))
                .actor(actor).subject("Fix the thing").content("Fix the thing\n\nBody with \"quotes\" and ünïcode")
                .attribute("sha", "abc").attribute("lines_added", 3).attribute("skipped", null)
                .payload(payload).build();
    }

    @Test
    void jsonFormIsExactlyWhatJsonConverterWritesWithoutSchemas() {
        for (EpisodicEvent event : new EpisodicEvent[] {sample("{\"files\":[]}", "a@b.c"), sample(null, null)}) {
            JsonConverter converter = new JsonConverter();
            converter.configure(Map.of("schemas.enable", "false"), false);
            SourceRecord record = EventRecords.toSourceRecord("t", Map.of(), Map.of(), event);
            String viaConnect = new String(converter.fromConnectData("t", record.valueSchema(), record.value()),
                    StandardCharsets.UTF_8);
            assertThat(EventJson.toJson(event)).isEqualTo(viaConnect);
            assertThat(EventJson.fromJson(viaConnect)).isEqualTo(event);
        }
    }

    @Test
    void structRoundTripAndRecordShape() {
        EpisodicEvent event = sample("{}", "a@b.c");
        SourceRecord record = EventRecords.toSourceRecord("topic", Map.of("stream", "git:repo"), Map.of("v", 1), event);
        assertThat(record.key()).isEqualTo("git:repo");
        assertThat(record.timestamp()).isEqualTo(event.occurredAt().toEpochMilli());
        assertThat(record.valueSchema().name()).isEqualTo("dev.episodic.EpisodicEvent");
        assertThat(record.valueSchema().version()).isEqualTo(1);
        assertThat(record.headers().lastWithName("episodic.sequence").value()).isEqualTo("42");
        assertThat(record.headers().lastWithName("episodic.stream").value()).isEqualTo("git:repo");
        assertThat(record.headers().lastWithName("episodic.event_id").value()).isEqualTo("git:commit:repo:abc");
        assertThat(EventSchemas.fromStruct((org.apache.kafka.connect.data.Struct) record.value())).isEqualTo(event);
        assertThat(event.attributes()).containsOnlyKeys("sha", "lines_added");
    }

    @Test
    void invalidEventsAreRefusedWithTheField() {
        assertThatThrownBy(() -> sample(null, null).toBuilder().sequence(0).build()).hasMessageContaining("sequence");
        assertThatThrownBy(() -> EventJson.fromJson("[1]")).hasMessageContaining("JSON object");
        assertThatThrownBy(() -> SourceType.fromWireName("GIT")).hasMessageContaining("Unknown source_type");
    }
}
