package dev.episodic.connect.slack;

import com.fasterxml.jackson.databind.JsonNode;
import dev.episodic.connect.common.event.EpisodicEvent;
import dev.episodic.connect.common.event.SourceType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds the events of one channel from Slack message objects. Ids are deterministic: {@code slack:<channel>:<ts>}
 * for a post or reply, plus {@code :edited:<edit ts>}, {@code :deleted}, or {@code :reaction_added:<name>:<user>}.
 * The sequence is left to the caller, which assigns it when the event is handed to Connect.
 */
final class MessageEvents {
    private static final int SUBJECT_CHARS = 120;

    private final String sourceId;
    private final Channel channel;
    private final boolean includePayload;

    MessageEvents(final String sourceId, final Channel channel, final boolean includePayload) {
        this.sourceId = sourceId;
        this.channel = channel;
        this.includePayload = includePayload;
    }

    EpisodicEvent.Builder posted(final JsonNode message, final SlackEventType type, final String userName) {
        SlackTs ts = SlackTs.parse(message.path("ts").asText());
        EpisodicEvent.Builder b = base(type, id(ts), ts.toInstant(), message, userName);
        String text = message.path("text").asText("");
        b.content(text).subject(subject(text));
        return b;
    }

    EpisodicEvent.Builder edited(final JsonNode message, final SlackTs editTs, final String userName) {
        SlackTs ts = SlackTs.parse(message.path("ts").asText());
        String text = message.path("text").asText("");
        return base(SlackEventType.MESSAGE_EDITED, id(ts) + ":edited:" + editTs, editTs.toInstant(), message, userName)
                .content(text).subject(subject(text)).attribute("edit_ts", editTs)
                .attribute("edit_user_id", message.path("edited").path("user").asText(null));
    }

    /** {@code parent} is the thread's ts when a reply was deleted, null for a top-level message. */
    EpisodicEvent.Builder deleted(final SlackTs ts, final JsonNode messageOrNull, final Instant seenAt,
                                  final SlackTs parent) {
        String threadTs = parent == null ? null : parent.toString();
        EpisodicEvent.Builder b = EpisodicEvent.builder().eventId(id(ts) + ":deleted").sourceType(SourceType.SLACK)
                .sourceId(sourceId).stream(channel.stream()).eventType(SlackEventType.MESSAGE_DELETED.wireName())
                // Slack's history does not say when a message was deleted; the moment it was noticed is the best bound.
                .occurredAt(seenAt).subject((parent == null ? "message " : "thread reply ") + ts + " deleted")
                .sessionId(threadTs)
                .attribute("channel_id", channel.id()).attribute("channel_name", channel.name()).attribute("ts", ts)
                .attribute("thread_ts", threadTs);
        if (includePayload && messageOrNull != null) {
            b.payload(messageOrNull.toString());
        }
        return b;
    }

    EpisodicEvent.Builder reaction(final JsonNode message, final SlackEventType type, final String reaction,
                                   final String userId, final String userName, final Instant seenAt) {
        SlackTs ts = SlackTs.parse(message.path("ts").asText());
        return EpisodicEvent.builder().eventId(id(ts) + ":" + type.wireName() + ":" + reaction + ":" + userId)
                .sourceType(SourceType.SLACK).sourceId(sourceId).stream(channel.stream()).eventType(type.wireName())
                // Reactions carry no time in the Web API; the moment the change was noticed bounds it.
                .occurredAt(seenAt).actor(userName == null ? userId : userName).sessionId(threadOf(message))
                .subject(":" + reaction + ": " + (type == SlackEventType.REACTION_ADDED ? "added to " : "removed from ")
                        + ts)
                .attribute("channel_id", channel.id()).attribute("channel_name", channel.name())
                .attribute("ts", ts).attribute("thread_ts", message.path("thread_ts").asText(null))
                .attribute("reaction", reaction).attribute("user_id", userId).attribute("user_name", userName);
    }

    /** {@code name/user} pairs of a message's reactions, sorted, which is also the order their events take. */
    static List<String> reactionPairs(final JsonNode message) {
        List<String> pairs = new ArrayList<>();
        for (JsonNode reaction : message.path("reactions")) {
            String name = reaction.path("name").asText("");
            for (JsonNode user : reaction.path("users")) {
                if (!name.isEmpty() && !user.asText("").isEmpty()) {
                    pairs.add(name + "/" + user.asText());
                }
            }
        }
        pairs.sort(null);
        return pairs;
    }

    private EpisodicEvent.Builder base(final SlackEventType type, final String eventId, final Instant occurredAt,
                                       final JsonNode message, final String userName) {
        String user = message.path("user").asText(message.path("bot_id").asText(null));
        EpisodicEvent.Builder b = EpisodicEvent.builder().eventId(eventId).sourceType(SourceType.SLACK)
                .sourceId(sourceId).stream(channel.stream()).eventType(type.wireName()).occurredAt(occurredAt)
                .actor(userName == null ? user : userName).sessionId(threadOf(message))
                .attribute("channel_id", channel.id()).attribute("channel_name", channel.name())
                .attribute("user_id", user).attribute("user_name", userName)
                .attribute("ts", message.path("ts").asText())
                .attribute("thread_ts", message.path("thread_ts").asText(null))
                .attribute("subtype", message.path("subtype").asText(null))
                .attribute("reply_count", message.has("reply_count") ? message.path("reply_count").asText() : null)
                .attribute("files", fileNames(message));
        if (includePayload) {
            b.payload(message.toString());
        }
        return b;
    }

    private String id(final SlackTs ts) {
        return "slack:" + channel.id() + ":" + ts;
    }

    private static String threadOf(final JsonNode message) {
        return message.path("thread_ts").asText(null);
    }

    private static String fileNames(final JsonNode message) {
        List<String> names = new ArrayList<>();
        for (JsonNode file : message.path("files")) {
            String name = file.path("name").asText(file.path("title").asText(""));
            if (!name.isEmpty()) {
                names.add(name);
            }
        }
        return names.isEmpty() ? null : String.join(",", names);
    }

    private static String subject(final String text) {
        String line = text.strip().replace('\n', ' ');
        return line.length() <= SUBJECT_CHARS ? line : line.substring(0, SUBJECT_CHARS - 1) + "…";
    }
}
