package dev.episodic.connect.common.event;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.json.JsonConverter;
import org.junit.jupiter.api.Test;

/**
 * The value structs {@link EventSchemas#toStruct} fills directly are the structs Connect's validated puts build:
 * equal, valid, and converted to the same bytes, for events with and without every optional field.
 */
class StructSlotsTest {
    @Test
    void directFillingIsAvailableOnThePinnedKafkaVersion() {
        // If this fails, a Kafka upgrade changed Struct's internals: records are then built with validated puts
        // (same records, slower); look at StructSlots' probe before upgrading.
        assertThat(StructSlots.available()).isTrue();
    }

    @Test
    void directStructsEqualValidatedOnesAndConvertToTheSameBytes() {
        JsonConverter withSchemas = converter(true);
        JsonConverter withoutSchemas = converter(false);
        for (EpisodicEvent event : events()) {
            Struct direct = EventSchemas.toStruct(event);
            Struct validated = EventSchemas.validatedStruct(event);
            direct.validate();
            assertThat(direct).isEqualTo(validated);
            assertThat(direct.hashCode()).isEqualTo(validated.hashCode());
            assertThat(direct.toString()).isEqualTo(validated.toString());
            assertThat(EventSchemas.fromStruct(direct)).isEqualTo(event);
            for (JsonConverter converter : List.of(withSchemas, withoutSchemas)) {
                assertThat(converter.fromConnectData("t", EventSchemas.VALUE_SCHEMA, direct))
                        .isEqualTo(converter.fromConnectData("t", EventSchemas.VALUE_SCHEMA, validated));
            }
        }
    }

    private static JsonConverter converter(final boolean schemas) {
        JsonConverter converter = new JsonConverter();
        converter.configure(Map.of("schemas.enable", Boolean.toString(schemas)), false);
        return converter;
    }

    private static List<EpisodicEvent> events() {
        List<EpisodicEvent> events = new ArrayList<>();
        for (SourceType type : SourceType.values()) {
            for (int i = 0; i < 4; i++) {
                EpisodicEvent.Builder b = EpisodicEvent.builder().eventId(type.wireName() + ":" + i)
                        .sourceType(type).sourceId("src-" + i).stream("stream-" + (i % 2)).sequence(i + 1L)
                        .eventType("kind_" + i).occurredAt(Instant.ofEpochSecond(1_700_000_000L + i, 123_000_000))
                        .ingestedAt(Instant.parse("2026-12-03T10:00:00Z"));
                if (i > 0) {
                    b.actor("ünïcode <a@b.c>").sessionId("s" + i).subject("one line " + i);
                }
                if (i > 1) {
                    b.content("multi\nline \"quoted\" \\ text").payload("{\"n\":" + i + "}");
                }
                for (int a = 0; a < i * 7; a++) {
                    b.attribute("key_" + a, a % 3 == 0 ? "" : "value " + a);
                }
                events.add(b.build());
            }
        }
        return events;
    }
}
