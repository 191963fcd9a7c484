package dev.episodic.connect.cursoride;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/** Lenient field access over Cursor's JSON, whose types drift between versions (numbers as strings and back). */
final class JsonValues {
    static final ObjectMapper MAPPER = new ObjectMapper();
    /** Epoch milliseconds before 2001 or after 2286 are not Cursor times; such values are treated as absent. */
    private static final long MIN_MS = 1_000_000_000_000L;
    private static final long MAX_MS = 9_999_999_999_999L;

    private JsonValues() {
    }

    static JsonNode parse(final String json) throws JsonProcessingException {
        return MAPPER.readTree(json);
    }

    static String toJson(final JsonNode node) {
        try {
            return MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a parsed JSON tree always serialises", e);
        }
    }

    /** A non-empty text field (numbers and booleans as their text), else empty. */
    static Optional<String> text(final JsonNode node, final String... path) {
        JsonNode value = at(node, path);
        if (value == null || value.isNull() || value.isMissingNode() || value.isContainerNode()) {
            return Optional.empty();
        }
        String text = value.asText();
        return text.isEmpty() ? Optional.empty() : Optional.of(text);
    }

    static Optional<Long> number(final JsonNode node, final String... path) {
        JsonNode value = at(node, path);
        if (value == null) {
            return Optional.empty();
        }
        if (value.isNumber()) {
            return Optional.of(value.asLong());
        }
        if (value.isTextual()) {
            try {
                return Optional.of(Long.parseLong(value.asText().trim()));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    /** A time field: epoch milliseconds (number or numeric string) or an ISO-8601 instant. */
    static Optional<Instant> time(final JsonNode node, final String... path) {
        JsonNode value = at(node, path);
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        if (value.isNumber() || (value.isTextual() && value.asText().trim().matches("\\d{10,16}(\\.\\d+)?"))) {
            long ms = (long) Double.parseDouble(value.asText().trim());
            return ms >= MIN_MS && ms <= MAX_MS ? Optional.of(Instant.ofEpochMilli(ms)) : Optional.empty();
        }
        if (value.isTextual()) {
            try {
                return Optional.of(Instant.parse(value.asText().trim()));
            } catch (DateTimeParseException e) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    static JsonNode at(final JsonNode node, final String... path) {
        JsonNode current = node;
        for (String p : path) {
            if (current == null || !current.isObject()) {
                return null;
            }
            current = current.get(p);
        }
        return current;
    }

    /** The identity of a conversation entry: {@code bubbleId} (composers) or {@code id} (chat tabs). */
    static final class ItemId {
        private ItemId() {
        }

        static Optional<String> of(final JsonNode bubble) {
            Optional<String> id = text(bubble, "bubbleId");
            return id.isPresent() ? id : text(bubble, "id");
        }
    }
}
