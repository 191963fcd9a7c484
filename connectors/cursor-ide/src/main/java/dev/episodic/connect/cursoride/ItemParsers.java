package dev.episodic.connect.cursoride;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Turns Cursor's JSON items (prompts, generations, bubbles, composer headers) into event drafts. */
final class ItemParsers {
    static final String AI_PROMPT = "ai_prompt";
    static final String AI_GENERATION = "ai_generation";
    static final String AI_MESSAGE = "ai_message";
    static final String COMPOSER_CREATED = "composer_created";
    static final String USER = "user";
    static final String ASSISTANT = "assistant";

    /** Composer fields that hold whole conversations or file contents: left out of composer_created payloads. */
    private static final Set<String> BULKY_COMPOSER_FIELDS = Set.of("conversation", "fullConversationHeadersOnly",
            "conversationMap", "codeBlockData", "context", "richText", "text", "originalModelLines",
            "originalFileStates", "newlyCreatedFiles", "newlyCreatedFolders", "tabs");

    private ItemParsers() {
    }

    /** An entry of {@code aiService.prompts}: it has neither id nor time, so its identity is its ordinal. */
    static Item prompt(final String stream, final long ordinal, final String key, final JsonNode node,
                       final Instant changedAt) {
        Map<String, String> attributes = new LinkedHashMap<>();
        JsonValues.text(node, "commandType").ifPresent(v -> attributes.put("command_type", v));
        attributes.put("prompt_ordinal", Long.toString(ordinal));
        attributes.put("time_estimated", "true");
        EventDraft draft = new EventDraft(AI_PROMPT, "cursor-ide:prompt:" + stream + ":" + ordinal, USER, null,
                JsonValues.text(node, "text").orElse(null), null, attributes, JsonValues.toJson(node));
        return new Item(key, changedAt, true, draft);
    }

    /**
     * A generation: {@code aiService.generations} entries ({@code unixMs, generationUUID, type, textDescription})
     * or rows of a generations table (snake_case columns or the same JSON).
     */
    static Item generation(final String key, final JsonNode node, final Instant changedAt) {
        Optional<Instant> own = first(JsonValues.time(node, "unixMs"), JsonValues.time(node, "unix_ms"),
                JsonValues.time(node, "createdAt"), JsonValues.time(node, "created_at"),
                JsonValues.time(node, "timestamp"));
        String id = generationId(node).orElse(key);
        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put("generation_id", id);
        first(JsonValues.text(node, "type"), JsonValues.text(node, "generation_type"))
                .ifPresent(v -> attributes.put("generation_type", v));
        first(JsonValues.text(node, "model"), JsonValues.text(node, "modelName"),
                JsonValues.text(node, "modelInfo", "modelName"))
                .ifPresent(v -> attributes.put("model", v));
        tokens(node, attributes);
        if (own.isEmpty()) {
            attributes.put("time_estimated", "true");
        }
        String text = first(JsonValues.text(node, "textDescription"), JsonValues.text(node, "text_description"))
                .orElse(null);
        EventDraft draft = new EventDraft(AI_GENERATION, "cursor-ide:generation:" + id, ASSISTANT, null, text,
                null, attributes, JsonValues.toJson(node));
        return new Item(key, own.orElse(changedAt), own.isEmpty(), draft);
    }

    static Optional<String> generationId(final JsonNode node) {
        return first(JsonValues.text(node, "generationUUID"), JsonValues.text(node, "generation_uuid"),
                JsonValues.text(node, "generationId"), JsonValues.text(node, "uuid"), JsonValues.text(node, "id"));
    }

    /**
     * A conversation bubble of any layout: legacy chat tabs ({@code type: "user"|"ai"}), inline composer
     * conversations and {@code bubbleId:} rows ({@code type: 1|2}).
     *
     * @param sessionId the composer or chat tab id
     * @param fallback  the time to use when the bubble has none of its own
     */
    static Item bubble(final String sessionId, final String key, final JsonNode node, final Instant fallback,
                       final String layout) {
        String role = role(node);
        Optional<Instant> own = first(JsonValues.time(node, "createdAt"),
                JsonValues.time(node, "timingInfo", "clientRpcSendTime"), JsonValues.time(node, "unixMs"));
        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put("bubble_id", key);
        attributes.put("role", role);
        attributes.put("layout", layout);
        first(JsonValues.text(node, "modelInfo", "modelName"), JsonValues.text(node, "modelType"),
                JsonValues.text(node, "model")).ifPresent(v -> attributes.put("model", v));
        String tools = String.join(",", toolNames(node));
        if (!tools.isEmpty()) {
            attributes.put("tool_names", tools);
        }
        JsonValues.text(node, "requestId").ifPresent(v -> attributes.put("request_id", v));
        JsonValues.text(node, "serverBubbleId").ifPresent(v -> attributes.put("server_bubble_id", v));
        tokens(node, attributes);
        JsonValues.number(node, "thinkingDurationMs").ifPresent(v -> attributes.put("thinking_ms", v.toString()));
        if (own.isEmpty()) {
            attributes.put("time_estimated", "true");
        }
        String text = first(JsonValues.text(node, "text"), JsonValues.text(node, "rawText")).orElse(null);
        EventDraft draft = new EventDraft(AI_MESSAGE, "cursor-ide:bubble:" + sessionId + ":" + key, role, sessionId,
                text, null, attributes, JsonValues.toJson(node));
        return new Item(key, own.orElse(fallback), own.isEmpty(), draft);
    }

    /** A composer's creation, from its header (workspace list) or its {@code composerData} row. */
    static Item composerCreated(final String composerId, final String key, final JsonNode node,
                                final Instant fallback) {
        Optional<Instant> own = JsonValues.time(node, "createdAt");
        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put("composer_id", composerId);
        first(JsonValues.text(node, "unifiedMode"), JsonValues.text(node, "forceMode"))
                .ifPresent(v -> attributes.put("mode", v));
        JsonValues.text(node, "status").ifPresent(v -> attributes.put("status", v));
        JsonValues.text(node, "_v").ifPresent(v -> attributes.put("format_version", v));
        if (own.isEmpty()) {
            attributes.put("time_estimated", "true");
        }
        JsonNode payload = node;
        if (node.isObject()) {
            ObjectNode slim = ((ObjectNode) node).deepCopy();
            slim.remove(BULKY_COMPOSER_FIELDS);
            payload = slim;
        }
        String name = JsonValues.text(node, "name").orElse(null);
        EventDraft draft = new EventDraft(COMPOSER_CREATED, "cursor-ide:composer:" + composerId, USER, composerId,
                null, name, attributes, JsonValues.toJson(payload));
        return new Item(key, own.orElse(fallback), own.isEmpty(), draft);
    }

    static String role(final JsonNode bubble) {
        String type = JsonValues.text(bubble, "type").orElse("");
        return switch (type) {
            case "1", "user" -> USER;
            default -> ASSISTANT;
        };
    }

    static Set<String> toolNames(final JsonNode bubble) {
        Set<String> names = new LinkedHashSet<>();
        JsonNode tool = bubble.get("toolFormerData");
        if (tool != null && tool.isArray()) {
            tool.forEach(t -> JsonValues.text(t, "name").ifPresent(names::add));
        } else if (tool != null) {
            JsonValues.text(tool, "name").ifPresent(names::add);
        }
        return names;
    }

    private static void tokens(final JsonNode node, final Map<String, String> attributes) {
        first(JsonValues.number(node, "tokenCount", "inputTokens"), JsonValues.number(node, "inputTokens"),
                JsonValues.number(node, "input_tokens"))
                .ifPresent(v -> attributes.put("input_tokens", v.toString()));
        first(JsonValues.number(node, "tokenCount", "outputTokens"), JsonValues.number(node, "outputTokens"),
                JsonValues.number(node, "output_tokens"))
                .ifPresent(v -> attributes.put("output_tokens", v.toString()));
    }

    @SafeVarargs
    static <T> Optional<T> first(final Optional<T>... options) {
        for (Optional<T> option : options) {
            if (option.isPresent()) {
                return option;
            }
        }
        return Optional.empty();
    }
}
