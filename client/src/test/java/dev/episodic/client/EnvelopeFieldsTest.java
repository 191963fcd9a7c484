package dev.episodic.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.episodic.connect.common.event.EventFields;
import dev.episodic.connect.common.event.EventHeaders;
import org.junit.jupiter.api.Test;

/** The client repeats the envelope's names to stay free of episodic-common; they must never drift apart. */
class EnvelopeFieldsTest {
    @Test
    void sameNamesAsTheConnectorsWrite() {
        assertThat(EnvelopeFields.HEADER_STREAM).isEqualTo(EventHeaders.STREAM);
        assertThat(EnvelopeFields.HEADER_SEQUENCE).isEqualTo(EventHeaders.SEQUENCE);
        assertThat(EnvelopeFields.HEADER_EVENT_ID).isEqualTo(EventHeaders.EVENT_ID);
        assertThat(EnvelopeFields.EVENT_ID).isEqualTo(EventFields.EVENT_ID);
        assertThat(EnvelopeFields.STREAM).isEqualTo(EventFields.STREAM);
        assertThat(EnvelopeFields.SEQUENCE).isEqualTo(EventFields.SEQUENCE);
        assertThat(EnvelopeFields.EVENT_TYPE).isEqualTo(EventFields.EVENT_TYPE);
        assertThat(EnvelopeFields.OCCURRED_AT).isEqualTo(EventFields.OCCURRED_AT);
    }
}
