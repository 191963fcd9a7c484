package dev.episodic.connect.common.event;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.data.Struct;
import org.junit.jupiter.api.Test;

class EventAttributesTest {
    private static EpisodicEvent.Builder event() {
        Instant t = Instant.parse("2026-11-23T10:00:00Z");
        return EpisodicEvent.builder().eventId("e-1").sourceType(SourceType.API_LOG).sourceId("src").stream("s")
                .sequence(1).eventType("http_request").occurredAt(t).ingestedAt(t);
    }

    @Test
    void keepsInsertionOrderSkipsNullsAndReplacesARepeatedKeyInPlace() {
        Map<String, String> a = event().attribute("method", "GET").attribute("path", "/a").attribute("query", null)
                .attribute("status", 200).attribute("path", "/b").build().attributes();
        assertEquals(List.of("method", "path", "status"), new ArrayList<>(a.keySet()));
        assertEquals(List.of("GET", "/b", "200"), new ArrayList<>(a.values()));
        assertEquals(3, a.size());
        assertEquals("/b", a.get("path"));
        assertTrue(a.containsKey("status"));
        assertFalse(a.containsKey("query"));
        assertNull(a.get("query"));
        assertNull(a.get(42));
    }

    @Test
    void aKeyBuiltAtRunTimeFindsTheLiteralOne() {
        String dynamic = new StringBuilder("pa").append("th").toString();
        Map<String, String> a = event().attribute("path", "/a").attribute(dynamic, "/b").build().attributes();
        assertEquals(Map.of("path", "/b"), a);
    }

    @Test
    void growsPastItsFirstArrayAndEqualsAnyMapWithTheSameEntries() {
        EpisodicEvent.Builder b = event();
        Map<String, String> expected = new LinkedHashMap<>();
        for (int i = 0; i < 40; i++) {
            b.attribute("k" + i, "v" + i);
            expected.put("k" + i, "v" + i);
        }
        Map<String, String> a = b.build().attributes();
        assertEquals(expected, a);
        assertEquals(a, expected);
        assertEquals(new HashMap<>(expected).hashCode(), a.hashCode());
        assertEquals(new ArrayList<>(expected.keySet()), new ArrayList<>(a.keySet()));
        assertEquals(expected.toString(), a.toString());
    }

    @Test
    void isImmutable() {
        Map<String, String> a = event().attribute("method", "GET").build().attributes();
        assertThrows(UnsupportedOperationException.class, () -> a.put("x", "y"));
        assertThrows(UnsupportedOperationException.class, () -> a.remove("method"));
        assertThrows(UnsupportedOperationException.class, () -> a.entrySet().iterator().next().setValue("POST"));
        assertThrows(UnsupportedOperationException.class, a::clear);
    }

    @Test
    void anEventWithoutAttributesHasAnEmptyMapAndToBuilderCopiesThem() {
        EpisodicEvent none = event().build();
        assertTrue(none.attributes().isEmpty());
        EpisodicEvent some = event().attribute("a", "1").attribute("b", "2").build();
        EpisodicEvent copy = some.toBuilder().attribute("c", "3").build();
        assertEquals(Map.of("a", "1", "b", "2", "c", "3"), copy.attributes());
        assertEquals(Map.of("a", "1", "b", "2"), some.attributes());
    }

    @Test
    void passesConnectsValidationAndSurvivesTheStructRoundTrip() {
        EpisodicEvent e = event().attribute("method", "GET").attribute("status", 204).build();
        Struct s = EventSchemas.toStruct(e);
        s.validate();
        assertEquals(e, EventSchemas.fromStruct(s));
        assertEquals(Map.of("method", "GET", "status", "204"), s.getMap(EventFields.ATTRIBUTES));
    }
}
