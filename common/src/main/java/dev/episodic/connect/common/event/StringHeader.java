package dev.episodic.connect.common.event;

import java.util.Objects;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.header.ConnectHeaders;
import org.apache.kafka.connect.header.Header;

/**
 * A record header with a {@code STRING} schema, in one object. Connect's own header class is not public, and
 * {@code ConnectHeaders.addString} makes two objects per header (the header and a {@link SchemaAndValue}); every
 * record carries three headers, so that was a tenth of what building a record allocated.
 *
 * <p>It behaves as Connect's header does: {@link #with} and {@link #rename} return a new header (an SMT that
 * changes a header's type gets one of Connect's headers of that type, made through {@code ConnectHeaders}, which
 * also checks the value against the schema), and it is equal to, and hashes as, a Connect header of the same key,
 * schema and value.
 */
final class StringHeader implements Header {
    private final String key;
    private final String value;

    StringHeader(final String key, final String value) {
        this.key = Objects.requireNonNull(key, "header key");
        this.value = Objects.requireNonNull(value, "header value");
    }

    @Override
    public String key() {
        return key;
    }

    @Override
    public Schema schema() {
        return Schema.STRING_SCHEMA;
    }

    @Override
    public Object value() {
        return value;
    }

    @Override
    public Header with(final Schema schema, final Object newValue) {
        return new ConnectHeaders().add(key, new SchemaAndValue(schema, newValue)).lastWithName(key);
    }

    @Override
    public Header rename(final String newKey) {
        return new StringHeader(newKey, value);
    }

    /** Equal to any header of the same key, schema and value, as Connect's header is. */
    @Override
    public boolean equals(final Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof Header)) {
            return false;
        }
        Header that = (Header) o;
        return key.equals(that.key()) && Objects.equals(schema(), that.schema()) && value.equals(that.value());
    }

    /** The hash of Connect's header of the same key and value (its key and its schema-and-value pair). */
    @Override
    public int hashCode() {
        return Objects.hash(key, new SchemaAndValue(Schema.STRING_SCHEMA, value));
    }

    @Override
    public String toString() {
        return "StringHeader(key=" + key + ", value=" + value + ", schema=" + schema() + ")";
    }
}
