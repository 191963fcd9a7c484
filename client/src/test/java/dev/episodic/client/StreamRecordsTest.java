package dev.episodic.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

class StreamRecordsTest {
    private final StreamRecords records = new StreamRecords("git:main");

    private static ConsumerRecord<byte[], byte[]> record(final String key, final String value, final RecordHeaders headers) {
        FakePartitionLog log = new FakePartitionLog(10);
        log.raw(key == null ? null : key.getBytes(StandardCharsets.UTF_8),
                value == null ? null : value.getBytes(StandardCharsets.UTF_8), headers);
        return log.poll(java.time.Duration.ZERO).get(0);
    }

    private static RecordHeaders headers(final String... kv) {
        RecordHeaders h = new RecordHeaders();
        for (int i = 0; i < kv.length; i += 2) {
            h.add(kv[i], kv[i + 1] == null ? null : kv[i + 1].getBytes(StandardCharsets.UTF_8));
        }
        return h;
    }

    @Test
    void matchesByKeyOrByStreamHeaderWhenKeyless() {
        assertThat(records.matches(record("git:main", "{}", headers()))).isTrue();
        assertThat(records.matches(record("git:dev", "{}", headers("episodic.stream", "git:main")))).isFalse();
        assertThat(records.matches(record(null, "{}", headers("episodic.stream", "git:main")))).isTrue();
        assertThat(records.matches(record(null, "{}", headers()))).isFalse();
    }

    @Test
    void sequenceFromHeaderThenFromValue() {
        assertThat(records.sequence(record("git:main", "{\"sequence\":3}", headers("episodic.sequence", "42")))).isEqualTo(42);
        assertThat(records.sequence(record("git:main", "{\"sequence\":3}", headers()))).isEqualTo(3);
        assertThat(records.sequence(record("git:main", "{\"schema\":{},\"payload\":{\"sequence\":7}}", headers()))).isEqualTo(7);
    }

    @Test
    void decodesTheEnvelope() {
        String json = "{\"event_id\":\"git:commit:r:abc\",\"source_type\":\"git\",\"stream\":\"git:main\",\"sequence\":5,"
                + "\"event_type\":\"commit\",\"occurred_at\":1700000000123,\"subject\":\"Fix it\",\"attributes\":{\"sha\":\"abc\"}}";
        StreamEvent e = records.decode(record("git:main", json, headers("episodic.sequence", "5")), 5);
        assertThat(e.stream()).isEqualTo("git:main");
        assertThat(e.sequence()).isEqualTo(5);
        assertThat(e.eventId()).isEqualTo("git:commit:r:abc");
        assertThat(e.type()).isEqualTo("commit");
        assertThat(e.occurredAt().toEpochMilli()).isEqualTo(1_700_000_000_123L);
        assertThat(e.text("subject")).isEqualTo("Fix it");
        assertThat(e.value().path("attributes").path("sha").asText()).isEqualTo("abc");
        e.value().put("subject", "changed");
        assertThat(e.text("subject")).as("value() is a copy").isEqualTo("Fix it");
        assertThat(e.json()).isEqualTo(json);
        assertThat(e.topic()).isEqualTo(FakePartitionLog.TOPIC);
    }

    @Test
    void eventIdAndTimeFallBackToHeaderAndRecordTimestamp() {
        StreamEvent e = records.decode(record("git:main", "{\"sequence\":1}", headers("episodic.event_id", "id-1")), 1);
        assertThat(e.eventId()).isEqualTo("id-1");
        assertThat(e.occurredAt().toEpochMilli()).isEqualTo(1_700_000_000_000L);
    }

    @Test
    void malformedRecordsOfTheStreamAreErrorsNamingTheRecord() {
        assertThatThrownBy(() -> records.sequence(record("git:main", "not json", headers())))
                .isInstanceOf(MalformedEventException.class).hasMessageContaining("fake-0@0").hasMessageContaining("not JSON");
        assertThatThrownBy(() -> records.sequence(record("git:main", "{\"sequence\":\"x\"}", headers())))
                .isInstanceOf(MalformedEventException.class).hasMessageContaining("no integer \"sequence\"");
        assertThatThrownBy(() -> records.sequence(record("git:main", "{}", headers("episodic.sequence", "-3"))))
                .isInstanceOf(MalformedEventException.class).hasMessageContaining("\"-3\" is not a positive decimal");
        assertThatThrownBy(() -> records.sequence(record("git:main", null, headers())))
                .isInstanceOf(MalformedEventException.class).hasMessageContaining("tombstone");
        assertThatThrownBy(() -> records.decode(record("git:main", "[1]", headers()), 1))
                .isInstanceOf(MalformedEventException.class).hasMessageContaining("not a JSON object");
    }
}
