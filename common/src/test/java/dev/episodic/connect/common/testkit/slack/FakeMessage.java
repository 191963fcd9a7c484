package dev.episodic.connect.common.testkit.slack;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;

/** One message of the fake: a top-level message (thread parent or not) or a thread reply. Mutable by the test. */
final class FakeMessage {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    final FakeTs ts;
    /** The parent's ts for a reply; null for a top-level message. */
    final FakeTs threadTs;
    final String user;
    String text;
    FakeTs editedTs;
    /** A deleted parent that keeps its thread: Slack shows it as a tombstone. */
    boolean tombstone;
    /** A reply also posted to the channel ({@code thread_broadcast}). */
    boolean broadcast;
    final Map<String, List<String>> reactions = new LinkedHashMap<>();

    FakeMessage(final FakeTs ts, final FakeTs threadTs, final String user, final String text) {
        this.ts = ts;
        this.threadTs = threadTs;
        this.user = user;
        this.text = text;
    }

    void react(final String name, final String reactingUser) {
        List<String> users = reactions.computeIfAbsent(name, n -> new ArrayList<>());
        if (!users.contains(reactingUser)) {
            users.add(reactingUser);
        }
    }

    void unreact(final String name, final String reactingUser) {
        List<String> users = reactions.get(name);
        if (users != null) {
            users.remove(reactingUser);
            if (users.isEmpty()) {
                reactions.remove(name);
            }
        }
    }

    /** The message as Slack's history and replies methods show it; {@code thread} is its replies when a parent. */
    ObjectNode toJson(final NavigableMap<FakeTs, FakeMessage> thread) {
        ObjectNode m = MAPPER.createObjectNode();
        if (tombstone) {
            m.put("type", "message").put("subtype", "tombstone").put("user", "USLACKBOT")
                    .put("text", "This message was deleted.").put("ts", ts.toString()).put("hidden", true);
        } else {
            m.put("type", "message").put("user", user).put("text", text).put("ts", ts.toString());
            if (broadcast) {
                m.put("subtype", "thread_broadcast");
            }
        }
        if (threadTs != null) {
            m.put("thread_ts", threadTs.toString()).put("parent_user_id", "U0PARENT");
        }
        if (threadTs == null && thread != null && !thread.isEmpty()) {
            m.put("thread_ts", ts.toString()).put("reply_count", thread.size())
                    .put("latest_reply", thread.lastKey().toString());
        }
        if (tombstone) {
            return m;
        }
        if (editedTs != null) {
            m.putObject("edited").put("user", user).put("ts", editedTs.toString());
        }
        if (!reactions.isEmpty()) {
            ArrayNode list = m.putArray("reactions");
            reactions.forEach((name, users) -> {
                ObjectNode r = list.addObject().put("name", name).put("count", users.size());
                ArrayNode u = r.putArray("users");
                users.forEach(u::add);
            });
        }
        return m;
    }
}
