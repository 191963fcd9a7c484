package dev.episodic.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

/**
 * Recognises the records of one stream and reads their sequence cheaply, decoding the JSON value only for
 * events that are returned. The record key is the stream (UTF-8); the sequence is taken from the
 * {@code episodic.sequence} header (decimal), which every episodic record carries, and from the value's
 * {@code sequence} field only if the header is missing.
 */
final class StreamRecords {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final byte[] STREAM_HEADER_MISSING = new byte[0];

    private final String stream;
    private final byte[] key;

    StreamRecords(final String stream) {
        this.stream = stream;
        this.key = stream.getBytes(StandardCharsets.UTF_8);
    }

    String stream() {
        return stream;
    }

    boolean matches(final ConsumerRecord<byte[], byte[]> r) {
        byte[] k = r.key();
        if (k != null) {
            return Arrays.equals(k, key);
        }
        // The design keys every record with its stream; a keyless record may still name it in its header.
        byte[] h = header(r, EnvelopeFields.HEADER_STREAM);
        return h != STREAM_HEADER_MISSING && Arrays.equals(h, key);
    }

    long sequence(final ConsumerRecord<byte[], byte[]> r) {
        byte[] h = header(r, EnvelopeFields.HEADER_SEQUENCE);
        if (h != STREAM_HEADER_MISSING && h != null) {
            return parseDecimal(h, r);
        }
        JsonNode seq = envelope(r).get(EnvelopeFields.SEQUENCE);
        if (seq == null || !seq.canConvertToLong() || !seq.isIntegralNumber()) {
            throw malformed(r, "no episodic.sequence header and no integer \"sequence\" field in the value");
        }
        return seq.asLong();
    }

    StreamEvent decode(final ConsumerRecord<byte[], byte[]> r, final long sequence) {
        ObjectNode value = envelope(r);
        String eventId = text(value, EnvelopeFields.EVENT_ID);
        if (eventId == null) {
            byte[] h = header(r, EnvelopeFields.HEADER_EVENT_ID);
            eventId = h == STREAM_HEADER_MISSING || h == null ? null : new String(h, StandardCharsets.UTF_8);
        }
        JsonNode occurred = value.get(EnvelopeFields.OCCURRED_AT);
        // The record timestamp is occurred_at by design; the value's field wins when present.
        Instant occurredAt = occurred != null && occurred.isIntegralNumber()
                ? Instant.ofEpochMilli(occurred.asLong()) : Instant.ofEpochMilli(r.timestamp());
        return new StreamEvent(stream, sequence, eventId, occurredAt, text(value, EnvelopeFields.EVENT_TYPE), value,
                r.topic(), r.partition(), r.offset());
    }

    private ObjectNode envelope(final ConsumerRecord<byte[], byte[]> r) {
        if (r.value() == null) {
            throw malformed(r, "the value is null (a tombstone)");
        }
        JsonNode node;
        try {
            node = MAPPER.readTree(r.value());
        } catch (JsonProcessingException e) {
            throw malformed(r, "the value is not JSON (" + e.getOriginalMessage() + ")");
        } catch (IOException e) {
            throw malformed(r, "the value cannot be read (" + e.getMessage() + ")");
        }
        if (node != null && node.isObject() && node.has(EnvelopeFields.SCHEMA) && node.get(EnvelopeFields.PAYLOAD) != null
                && node.get(EnvelopeFields.PAYLOAD).isObject()) {
            node = node.get(EnvelopeFields.PAYLOAD);
        }
        if (node == null || !node.isObject()) {
            throw malformed(r, "the value is not a JSON object");
        }
        return (ObjectNode) node;
    }

    private static String text(final JsonNode n, final String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    /** The last header of that name, null for a header with a null value, or the MISSING marker. */
    private static byte[] header(final ConsumerRecord<byte[], byte[]> r, final String name) {
        Header h = r.headers().lastHeader(name);
        return h == null ? STREAM_HEADER_MISSING : h.value();
    }

    private long parseDecimal(final byte[] digits, final ConsumerRecord<byte[], byte[]> r) {
        if (digits.length == 0 || digits.length > 18) {
            throw malformed(r, "episodic.sequence header \"" + new String(digits, StandardCharsets.UTF_8)
                    + "\" is not a positive decimal number");
        }
        long v = 0;
        for (byte b : digits) {
            if (b < '0' || b > '9') {
                throw malformed(r, "episodic.sequence header \"" + new String(digits, StandardCharsets.UTF_8)
                        + "\" is not a positive decimal number");
            }
            v = v * 10 + (b - '0');
        }
        return v;
    }

    private static MalformedEventException malformed(final ConsumerRecord<byte[], byte[]> r, final String cause) {
        return new MalformedEventException(r.topic(), r.partition(), r.offset(), cause);
    }
}
