package dev.episodic.connect.cursoride;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One composer (Cursor's chat/agent conversation): its creation, then its bubbles in conversation order. The
 * bubbles come from wherever this Cursor version keeps them: the {@code fullConversationHeadersOnly} order with
 * {@code bubbleId:} rows, an inline {@code conversation[]} (older composerData, global or in the workspace
 * header), or, when the composer row is missing or unreadable, the bubble rows in creation order.
 */
final class ComposerGroup implements SourceGroup {
    static final String CREATED = "created";

    private enum Mode { NONE, HEADERS, INLINE, BY_TIME }

    private final String composerId;
    private final JsonNode header;
    private final DiskKv kv;
    private final DiskKv.ComposerRow row;
    private final DiskKv.BubbleRange range;
    private final long changedMs;
    private final Warnings warnings;
    private final String label;

    private Mode mode = Mode.NONE;
    private JsonNode composerNode;
    private final Map<String, JsonNode> inline = new HashMap<>();
    private final Set<String> generating = new HashSet<>();
    private List<String> keys;

    /**
     * @param header    the composer's entry in a workspace's {@code composer.composerData}, or null
     * @param kv        the global key-value table, or null when there is none
     * @param row       the composer's {@code composerData} row in it, or null
     * @param range     its bubble rows, or null
     * @param changedMs the database's change time, the stand-in for undated items
     * @param label     names the database in warnings
     */
    ComposerGroup(final String composerId, final JsonNode header, final DiskKv kv, final DiskKv.ComposerRow row,
                  final DiskKv.BubbleRange range, final long changedMs, final Warnings warnings, final String label) {
        this.composerId = composerId;
        this.header = header;
        this.kv = kv;
        this.row = row;
        this.range = range;
        this.changedMs = changedMs;
        this.warnings = warnings;
        this.label = label;
    }

    @Override
    public String key() {
        return "composer:" + composerId;
    }

    @Override
    public long time() {
        long t = Math.max(Math.max(headerMs("lastUpdatedAt"), headerMs("createdAt")),
                row == null ? 0 : Math.max(row.lastUpdatedAt(), row.createdAt()));
        return t > 0 ? t : changedMs;
    }

    private long headerMs(final String field) {
        return header == null ? 0 : JsonValues.time(header, field).map(Instant::toEpochMilli).orElse(0L);
    }

    @Override
    public String fingerprint() {
        JsonNode conversation = header == null ? null : header.get("conversation");
        return "h" + headerMs("lastUpdatedAt") + "." + (conversation == null ? -1 : conversation.size())
                + ".k" + (row == null ? "-" : row.length() + "." + row.lastUpdatedAt() + "." + row.headers())
                + ".b" + (range == null ? "-" : range.count() + "." + range.maxRowid());
    }

    @Override
    public List<String> keys(final String lastCompleteFingerprint) throws SQLException {
        if (keys != null) {
            return keys;
        }
        List<String> result = new ArrayList<>();
        result.add(CREATED);
        if (row != null && row.validJson()) {
            composerNode = parse(DiskKv.COMPOSER_PREFIX + composerId, kv.composerValue(composerId));
        } else if (row != null) {
            warnings.invalidJson(label, DiskKv.COMPOSER_PREFIX + composerId, "the value does not parse as JSON; "
                    + "its bubbles are read from their own rows");
        }
        if (composerNode != null) {
            JsonNode generatingIds = composerNode.get("generatingBubbleIds");
            if (generatingIds != null && generatingIds.isArray()) {
                generatingIds.forEach(id -> generating.add(id.asText()));
            }
            JsonNode headers = composerNode.get("fullConversationHeadersOnly");
            JsonNode conversation = composerNode.get("conversation");
            if (headers != null && headers.isArray()) {
                mode = Mode.HEADERS;
                headers.forEach(h -> JsonValues.text(h, "bubbleId").ifPresent(result::add));
            } else if (conversation != null && conversation.isArray() && conversation.size() > 0) {
                mode = Mode.INLINE;
                addInline(conversation, result);
            }
        }
        if (mode == Mode.NONE && header != null && header.path("conversation").isArray()) {
            mode = Mode.INLINE;
            addInline(header.get("conversation"), result);
        }
        if (mode == Mode.NONE && kv != null && range != null && range.count() > 0) {
            mode = Mode.BY_TIME;
            result.addAll(kv.bubbleIdsByTime(composerId));
        }
        keys = result;
        return keys;
    }

    private void addInline(final JsonNode conversation, final List<String> result) {
        for (JsonNode bubble : conversation) {
            JsonValues.ItemId.of(bubble).ifPresentOrElse(id -> {
                inline.put(id, bubble);
                result.add(id);
            }, () -> warnings.unknownLayout(label, key(), "a conversation entry has no bubbleId"));
        }
    }

    @Override
    public List<Item> load(final int fromIndex, final List<String> wanted, final long firstOrdinal)
            throws SQLException {
        List<Item> items = new ArrayList<>(wanted.size());
        Map<String, String> rows = Map.of();
        if (mode == Mode.HEADERS || mode == Mode.BY_TIME) {
            rows = kv.bubbles(composerId, wanted.stream().filter(k -> !k.equals(CREATED)).toList());
        }
        Instant fallback = Instant.ofEpochMilli(time());
        for (int i = 0; i < wanted.size(); i++) {
            String key = wanted.get(i);
            if (key.equals(CREATED)) {
                JsonNode source = header != null ? header : composerNode;
                items.add(source == null
                        ? ItemParsers.composerCreated(composerId, CREATED, JsonValues.MAPPER.createObjectNode(), fallback)
                        : ItemParsers.composerCreated(composerId, CREATED, source, fallback));
                continue;
            }
            if (generating.contains(key)) {
                // Cursor is still writing this answer: stop here and look again on a later poll.
                return items;
            }
            if (mode == Mode.INLINE) {
                items.add(ItemParsers.bubble(composerId, key, inline.get(key), fallback, "inline_conversation"));
                continue;
            }
            String value = rows.get(key);
            if (value == null) {
                if (fromIndex + i == keys.size() - 1) {
                    // The newest header may be written before its row: wait for it.
                    return items;
                }
                warnings.once(label + "|missing|" + composerId + "|" + key, "Cursor database {}: composer {} lists "
                        + "bubble {} but its row is missing; it is passed over", label, composerId, key);
                items.add(Item.unreadable(key));
                continue;
            }
            JsonNode bubble = parse(DiskKv.BUBBLE_PREFIX + composerId + ":" + key, value);
            items.add(bubble == null ? Item.unreadable(key)
                    : ItemParsers.bubble(composerId, key, bubble, fallback, "disk_kv"));
        }
        return items;
    }

    private JsonNode parse(final String key, final String value) {
        if (value == null) {
            return null;
        }
        try {
            JsonNode node = JsonValues.parse(value);
            if (!node.isObject()) {
                warnings.unknownLayout(label, key, "expected a JSON object but found " + node.getNodeType());
                return null;
            }
            return node;
        } catch (JsonProcessingException e) {
            warnings.invalidJson(label, key, e.getOriginalMessage());
            return null;
        }
    }
}
