package dev.episodic.connect.common.testkit.slack;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The fake behaves as Slack's Web API does in the ways readers depend on. */
class FakeSlackTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();
    private FakeSlack slack;

    @BeforeEach
    void start() throws Exception {
        slack = new FakeSlack(Instant.parse("2026-01-01T00:00:00Z"));
        slack.channel("C1", "general");
    }

    @AfterEach
    void stop() {
        slack.close();
    }

    private JsonNode call(final String method, final Map<String, String> params) throws Exception {
        String form = params.entrySet().stream().map(e -> e.getKey() + "="
                + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
        HttpRequest request = HttpRequest.newBuilder(URI.create(slack.url() + method))
                .header("Authorization", "Bearer " + FakeSlack.TOKEN)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build();
        return MAPPER.readTree(http.send(request, HttpResponse.BodyHandlers.ofString()).body());
    }

    private static List<String> ts(final JsonNode body) {
        List<String> out = new ArrayList<>();
        body.path("messages").forEach(m -> out.add(m.path("ts").asText()));
        return out;
    }

    @Test
    void historyIsNewestFirstWithCursorPaginationAndBounds() throws Exception {
        List<FakeTs> posted = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            posted.add(slack.post("C1", "U1", "m" + i));
        }
        Map<String, String> params = new LinkedHashMap<>(Map.of("channel", "C1", "limit", "2"));
        JsonNode first = call("conversations.history", params);
        assertThat(ts(first)).containsExactly(posted.get(4).toString(), posted.get(3).toString());
        assertThat(first.path("has_more").asBoolean()).isTrue();
        String cursor = first.path("response_metadata").path("next_cursor").asText();
        assertThat(cursor).isNotEmpty();
        params.put("cursor", cursor);
        assertThat(ts(call("conversations.history", params))).containsExactly(posted.get(2).toString(),
                posted.get(1).toString());

        JsonNode bounded = call("conversations.history", Map.of("channel", "C1", "oldest", posted.get(0).toString(),
                "latest", posted.get(3).toString()));
        assertThat(ts(bounded)).containsExactly(posted.get(2).toString(), posted.get(1).toString());
        assertThat(bounded.path("has_more").asBoolean()).isFalse();
        assertThat(bounded.path("response_metadata").path("next_cursor").asText()).isEmpty();
        assertThat(ts(call("conversations.history", Map.of("channel", "C1", "oldest", posted.get(0).toString(),
                "latest", posted.get(1).toString(), "inclusive", "true"))))
                .containsExactly(posted.get(1).toString(), posted.get(0).toString());
    }

    @Test
    void threadsShowReplyCountAndLatestReplyAndDeletionsFollowSlack() throws Exception {
        FakeTs parent = slack.post("C1", "U1", "parent");
        FakeTs r1 = slack.reply("C1", parent, "U2", "one");
        FakeTs r2 = slack.reply("C1", parent, "U2", "two");
        FakeTs lonely = slack.post("C1", "U1", "no replies");
        JsonNode top = call("conversations.history", Map.of("channel", "C1")).path("messages").get(1);
        assertThat(top.path("reply_count").asInt()).isEqualTo(2);
        assertThat(top.path("latest_reply").asText()).isEqualTo(r2.toString());
        JsonNode thread = call("conversations.replies", Map.of("channel", "C1", "ts", parent.toString()));
        assertThat(ts(thread)).containsExactly(parent.toString(), r1.toString(), r2.toString());

        FakeTs editTs = slack.edit("C1", r1, "one, edited");
        slack.react("C1", r1, "eyes", "U3");
        slack.delete("C1", r2);
        thread = call("conversations.replies", Map.of("channel", "C1", "ts", parent.toString()));
        assertThat(ts(thread)).containsExactly(parent.toString(), r1.toString());
        assertThat(thread.path("messages").get(1).path("edited").path("ts").asText()).isEqualTo(editTs.toString());
        assertThat(thread.path("messages").get(1).path("reactions").get(0).path("users").get(0).asText())
                .isEqualTo("U3");

        slack.delete("C1", parent);
        slack.delete("C1", lonely);
        JsonNode history = call("conversations.history", Map.of("channel", "C1"));
        assertThat(ts(history)).containsExactly(parent.toString());
        assertThat(history.path("messages").get(0).path("subtype").asText()).isEqualTo("tombstone");
        slack.purgeThread("C1", parent);
        assertThat(call("conversations.replies", Map.of("channel", "C1", "ts", parent.toString()))
                .path("error").asText()).isEqualTo("thread_not_found");
    }

    @Test
    void faultsAndMembershipAreScripted() throws Exception {
        slack.failNext("conversations.history", FakeSlack.Fault.RATELIMITED);
        assertThat(call("conversations.history", Map.of("channel", "C1")).path("error").asText())
                .isEqualTo("ratelimited");
        slack.channel("C1", "general").kickApp();
        assertThat(call("conversations.history", Map.of("channel", "C1")).path("error").asText())
                .isEqualTo("not_in_channel");
        assertThat(slack.calls("conversations.history", "C1")).isEqualTo(2);
        assertThat(slack.requests("conversations.history")).allSatisfy(p -> assertThat(p).containsEntry("channel", "C1"));
    }
}
