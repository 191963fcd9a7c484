package dev.episodic.connect.cursoride;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The legacy layout: JSON values under well-known keys of VS Code's {@code ItemTable}. Cursor rewrites each
 * value whole (and trims its arrays), so each becomes one or more in-memory groups.
 */
final class ItemTableSource {
    static final String TABLE = "ItemTable";
    static final String PROMPTS = "aiService.prompts";
    static final String GENERATIONS = "aiService.generations";
    static final String CHAT = "workbench.panel.aichat.view.aichat.chatdata";
    static final String COMPOSERS = "composer.composerData";
    static final List<String> KEYS = List.of(PROMPTS, GENERATIONS, CHAT, COMPOSERS);

    private final ReadOnlyDatabase db;
    private final String stream;
    private final long changedMs;
    private final Warnings warnings;
    private final String label;

    ItemTableSource(final ReadOnlyDatabase db, final String stream, final long changedMs, final Warnings warnings) {
        this.db = db;
        this.stream = stream;
        this.changedMs = changedMs;
        this.warnings = warnings;
        this.label = db.path().toString();
    }

    /**
     * The groups of this table. Composers are tied to {@code kv} (the global key-value table, may be null) for
     * their bubbles; their ids are added to {@code composerIds}.
     */
    List<SourceGroup> groups(final DiskKv kv, final Set<String> composerIds) throws SQLException {
        List<SourceGroup> groups = new ArrayList<>();
        if (!db.hasTable(TABLE)) {
            return groups;
        }
        Map<String, String> values = values(db, KEYS);
        JsonNode prompts = parse(PROMPTS, values.get(PROMPTS));
        if (prompts != null) {
            groups.add(prompts(prompts, Hashes.sha256(values.get(PROMPTS), 16)));
        }
        JsonNode generations = parse(GENERATIONS, values.get(GENERATIONS));
        if (generations != null) {
            groups.add(generations(generations, Hashes.sha256(values.get(GENERATIONS), 16)));
        }
        JsonNode chat = parse(CHAT, values.get(CHAT));
        if (chat != null) {
            groups.addAll(chatTabs(chat));
        }
        JsonNode composers = parse(COMPOSERS, values.get(COMPOSERS));
        if (composers != null) {
            groups.addAll(composers(composers, kv, composerIds));
        }
        return groups;
    }

    static Map<String, String> values(final ReadOnlyDatabase db, final List<String> keys) throws SQLException {
        Map<String, String> values = new HashMap<>();
        String sql = "SELECT key, CAST(value AS TEXT) FROM ItemTable WHERE key IN ("
                + String.join(",", java.util.Collections.nCopies(keys.size(), "?")) + ")";
        try (PreparedStatement st = db.prepare(sql)) {
            for (int i = 0; i < keys.size(); i++) {
                st.setString(i + 1, keys.get(i));
            }
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    values.put(rs.getString(1), rs.getString(2));
                }
            }
        }
        return values;
    }

    /** The composer ids a workspace database lists (to tell which global composers belong to a workspace). */
    static Set<String> composerIds(final ReadOnlyDatabase db, final Warnings warnings) throws SQLException {
        Set<String> ids = new LinkedHashSet<>();
        if (!db.hasTable(TABLE)) {
            return ids;
        }
        String value = values(db, List.of(COMPOSERS)).get(COMPOSERS);
        if (value == null) {
            return ids;
        }
        try {
            JsonNode all = JsonValues.parse(value).path("allComposers");
            all.forEach(c -> JsonValues.text(c, "composerId").ifPresent(ids::add));
        } catch (JsonProcessingException e) {
            warnings.invalidJson(db.path(), COMPOSERS, e.getOriginalMessage());
        }
        return ids;
    }

    private JsonNode parse(final String key, final String value) {
        if (value == null) {
            return null;
        }
        try {
            return JsonValues.parse(value);
        } catch (JsonProcessingException e) {
            warnings.invalidJson(label, key, e.getOriginalMessage());
            return null;
        }
    }

    private SourceGroup prompts(final JsonNode array, final String fingerprint) {
        if (!array.isArray()) {
            warnings.unknownLayout(label, PROMPTS, "expected an array but found " + array.getNodeType());
            return empty("prompts");
        }
        List<JsonNode> entries = new ArrayList<>();
        List<String> keys = new ArrayList<>();
        for (JsonNode p : array) {
            entries.add(p);
            // Prompts carry no id: their content is their key, so a trimmed, rewritten array still lines up.
            keys.add(Hashes.sha256(JsonValues.text(p, "commandType").orElse("") + "\n"
                    + JsonValues.text(p, "text").orElse(""), 16));
        }
        Instant changed = Instant.ofEpochMilli(changedMs);
        return new ListGroup("prompts", changedMs, "p" + fingerprint, keys,
                (index, ordinal) -> ItemParsers.prompt(stream, ordinal, keys.get(index), entries.get(index), changed),
                false);
    }

    private SourceGroup generations(final JsonNode array, final String fingerprint) {
        if (!array.isArray()) {
            warnings.unknownLayout(label, GENERATIONS, "expected an array but found " + array.getNodeType());
            return empty("generations");
        }
        List<JsonNode> entries = new ArrayList<>();
        List<String> keys = new ArrayList<>();
        long newest = 0;
        for (JsonNode g : array) {
            entries.add(g);
            keys.add(ItemParsers.generationId(g).orElseGet(() -> Hashes.sha256(JsonValues.toJson(g), 16)));
            newest = Math.max(newest, JsonValues.time(g, "unixMs").map(Instant::toEpochMilli).orElse(0L));
        }
        Instant changed = Instant.ofEpochMilli(changedMs);
        return new ListGroup("generations", newest > 0 ? newest : changedMs, "g" + fingerprint, keys,
                (index, ordinal) -> ItemParsers.generation(keys.get(index), entries.get(index), changed));
    }

    private List<SourceGroup> chatTabs(final JsonNode chat) {
        List<SourceGroup> groups = new ArrayList<>();
        JsonNode tabs = chat.get("tabs");
        if (tabs == null || !tabs.isArray()) {
            warnings.unknownLayout(label, CHAT, "no 'tabs' array");
            return groups;
        }
        for (JsonNode tab : tabs) {
            String tabId = JsonValues.text(tab, "tabId").orElse(null);
            JsonNode bubbles = tab.get("bubbles");
            if (tabId == null || bubbles == null || !bubbles.isArray()) {
                warnings.unknownLayout(label, CHAT, "a tab without tabId or bubbles");
                continue;
            }
            long sent = JsonValues.time(tab, "lastSendTime").map(Instant::toEpochMilli).orElse(0L);
            long time = sent > 0 ? sent : changedMs;
            List<String> keys = new ArrayList<>();
            List<JsonNode> entries = new ArrayList<>();
            for (JsonNode b : bubbles) {
                JsonValues.ItemId.of(b).ifPresentOrElse(id -> {
                    keys.add(id);
                    entries.add(b);
                }, () -> warnings.unknownLayout(label, CHAT, "a bubble of tab " + tabId + " has no id"));
            }
            Instant fallback = Instant.ofEpochMilli(time);
            String fingerprint = "t" + sent + "." + keys.size() + "." + (keys.isEmpty() ? "" : Hashes.key(
                    JsonValues.toJson(entries.get(entries.size() - 1))));
            groups.add(new ListGroup("tab:" + tabId, time, fingerprint, keys,
                    (index, ordinal) -> ItemParsers.bubble(tabId, keys.get(index), entries.get(index), fallback,
                            "chat_tab")));
        }
        return groups;
    }

    private List<SourceGroup> composers(final JsonNode data, final DiskKv kv, final Set<String> composerIds)
            throws SQLException {
        List<SourceGroup> groups = new ArrayList<>();
        JsonNode all = data.get("allComposers");
        if (all == null || !all.isArray()) {
            warnings.unknownLayout(label, COMPOSERS, "no 'allComposers' array");
            return groups;
        }
        Map<String, DiskKv.ComposerRow> rows = kv == null ? Map.of() : kv.composers();
        for (JsonNode header : all) {
            String id = JsonValues.text(header, "composerId").orElse(null);
            if (id == null) {
                warnings.unknownLayout(label, COMPOSERS, "a composer without composerId");
                continue;
            }
            composerIds.add(id);
            DiskKv.BubbleRange range = kv == null ? null : kv.bubbleRange(id);
            groups.add(new ComposerGroup(id, header, kv, rows.get(id), range, changedMs, warnings,
                    kv == null ? label : kv.database().path().toString()));
        }
        return groups;
    }

    private SourceGroup empty(final String key) {
        return new ListGroup(key, changedMs, "empty", List.of(), (index, ordinal) -> {
            throw new IllegalStateException("an empty group has no items");
        });
    }
}
