package dev.episodic.connect.common.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Map;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.header.ConnectHeaders;
import org.apache.kafka.connect.header.Header;
import org.apache.kafka.connect.header.Headers;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.Test;

class StringHeaderTest {
    private static Header connects(final String key, final String value) {
        return new ConnectHeaders().addString(key, value).lastWithName(key);
    }

    @Test
    void equalsAndHashesAsConnectsOwnHeader() {
        Header ours = new StringHeader("episodic.sequence", "42");
        Header theirs = connects("episodic.sequence", "42");
        assertThat(ours).isEqualTo(theirs);
        assertThat(theirs).isEqualTo(ours);
        assertThat(ours.hashCode()).isEqualTo(theirs.hashCode());
        assertThat(ours).isNotEqualTo(new StringHeader("episodic.sequence", "43"))
                .isNotEqualTo(new StringHeader("episodic.stream", "42"))
                .isNotEqualTo(new ConnectHeaders().addInt("episodic.sequence", 42).lastWithName("episodic.sequence"));
    }

    @Test
    void withAndRenameGiveNewHeadersAndLeaveTheOriginal() {
        Header header = new StringHeader("episodic.sequence", "42");
        Header typed = header.with(Schema.INT64_SCHEMA, 42L);
        assertThat(typed.key()).isEqualTo("episodic.sequence");
        assertThat(typed.schema()).isEqualTo(Schema.INT64_SCHEMA);
        assertThat(typed.value()).isEqualTo(42L);
        Header renamed = header.rename("seq");
        assertThat(renamed).isEqualTo(connects("seq", "42"));
        assertThat(header).isEqualTo(connects("episodic.sequence", "42"));
        assertThatThrownBy(() -> new StringHeader("k", null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void recordHeadersEqualTheOnesConnectWouldBuildAndTransformAsThey() {
        EpisodicEvent event = EpisodicEvent.builder().eventId("apilog:1:0").sourceType(SourceType.API_LOG)
                .sourceId("s").stream("apilog:/var/log/a.log").sequence(7).eventType("http_request")
                .occurredAt(Instant.ofEpochSecond(1)).ingestedAt(Instant.ofEpochSecond(2)).build();
        SourceRecord record = EventRecords.toSourceRecord("t", Map.of("stream", event.stream()), Map.of("seq", 7L),
                event);
        Headers expected = new ConnectHeaders().addString(EventHeaders.STREAM, "apilog:/var/log/a.log")
                .addString(EventHeaders.SEQUENCE, "7").addString(EventHeaders.EVENT_ID, "apilog:1:0");
        assertThat(record.headers()).isEqualTo(expected);
        // What an SMT does with a header (here: retype, rename, remove) works on these headers as on Connect's.
        Headers copy = record.headers().duplicate();
        copy.apply(EventHeaders.SEQUENCE, h -> h.with(Schema.INT64_SCHEMA, Long.parseLong((String) h.value())));
        copy.apply(EventHeaders.STREAM, h -> h.rename("stream"));
        copy.remove(EventHeaders.EVENT_ID);
        assertThat(copy.lastWithName(EventHeaders.SEQUENCE).value()).isEqualTo(7L);
        assertThat(copy.lastWithName("stream").value()).isEqualTo("apilog:/var/log/a.log");
        assertThat(copy.size()).isEqualTo(2);
        assertThat(record.headers()).isEqualTo(expected);
    }
}
