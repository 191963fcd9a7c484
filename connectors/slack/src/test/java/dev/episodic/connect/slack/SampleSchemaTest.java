package dev.episodic.connect.slack;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.episodic.connect.common.event.EpisodicEvent;
import dev.episodic.connect.slack.fake.Cassette;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * The java-slack-sdk samples under ../shared/fixtures/slack/samples hold placeholder values but Slack's real field
 * names and nesting; these tests pin the fields the connector reads to that schema.
 */
class SampleSchemaTest {
    @Test
    void historyMessagesCarryEveryFieldTheConnectorReads() throws Exception {
        JsonNode history = Cassette.sample("conversations.history.json");
        assertThat(history.has("has_more")).isTrue();
        assertThat(history.path("response_metadata").has("next_cursor")).isTrue();
        JsonNode m = history.path("messages").get(0);
        for (String field : new String[] {"ts", "thread_ts", "reply_count", "latest_reply", "user", "text", "subtype",
                "bot_id"}) {
            assertThat(m.has(field)).as(field).isTrue();
        }
        assertThat(m.path("edited").has("ts")).isTrue();
        assertThat(m.path("edited").has("user")).isTrue();
        assertThat(m.path("reactions").get(0).has("name")).isTrue();
        assertThat(m.path("reactions").get(0).path("users").isArray()).isTrue();
        assertThat(m.path("files").get(0).has("name")).isTrue();
    }

    @Test
    void aSampleMessageBuildsEventsWithItsPlaceholders() throws Exception {
        JsonNode m = Cassette.sample("conversations.history.json").path("messages").get(0);
        MessageEvents events = new MessageEvents("src", new Channel("C00000000", "general"), false);
        EpisodicEvent posted = events.posted(m, SlackEventType.MESSAGE_POSTED, "someone").sequence(1)
                .ingestedAt(Instant.EPOCH).build();
        assertThat(posted.eventId()).isEqualTo("slack:C00000000:0.000000");
        assertThat(posted.attributes()).containsEntry("ts", "0000000000.000000").containsEntry("channel_id", "C00000000")
                .containsKey("thread_ts");
        assertThat(posted.sessionId()).isEqualTo("0000000000.000000");
        // The sample's single reaction has an empty name (a placeholder): it yields no pair.
        assertThat(MessageEvents.reactionPairs(m)).isEmpty();
    }

    @Test
    void repliesAndReactionSamplesUseTheSameNames() throws Exception {
        JsonNode reply = Cassette.sample("conversations.replies.json").path("messages").get(0);
        assertThat(reply.has("ts") && reply.has("thread_ts") && reply.has("latest_reply")).isTrue();
        JsonNode reactionAdded = Cassette.sample("events.ReactionAddedPayload.json").path("event");
        assertThat(reactionAdded.path("item").has("ts")).isTrue();
    }
}
