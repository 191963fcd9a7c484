package dev.episodic.connect.slack;

import com.fasterxml.jackson.databind.JsonNode;
import dev.episodic.connect.slack.client.Page;
import dev.episodic.connect.slack.client.SlackWebClient;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.connect.errors.ConnectException;

/** Turns {@code slack.channels} (ids, {@code #names}, or nothing = every member channel) into {@link Channel}s. */
final class ChannelResolver {
    private static final int LIST_PAGE = 200;

    private final SlackWebClient client;
    private final List<ChannelType> types;

    ChannelResolver(final SlackWebClient client, final List<ChannelType> types) {
        this.client = client;
        this.types = types;
    }

    /** The configured channels in order, or every channel the token is a member of when none are configured. */
    List<Channel> resolve(final List<String> configured) throws InterruptedException {
        if (configured.isEmpty()) {
            return list("users.conversations");
        }
        boolean needNames = configured.stream().anyMatch(c -> c.startsWith("#"));
        Map<String, Channel> byName = new LinkedHashMap<>();
        Map<String, Channel> byId = new LinkedHashMap<>();
        if (needNames) {
            for (Channel c : list("conversations.list")) {
                byName.put(c.name().toLowerCase(Locale.ROOT), c);
                byId.put(c.id(), c);
            }
        }
        List<Channel> result = new ArrayList<>();
        List<String> unknown = new ArrayList<>();
        for (String entry : configured) {
            if (entry.startsWith("#")) {
                Channel c = byName.get(entry.substring(1).toLowerCase(Locale.ROOT));
                if (c == null) {
                    unknown.add(entry);
                } else {
                    result.add(c);
                }
            } else {
                result.add(byId.getOrDefault(entry, new Channel(entry, info(entry))));
            }
        }
        if (!unknown.isEmpty()) {
            throw new ConnectException("Slack channels " + unknown + " of " + SlackConfig.CHANNELS + " were not found "
                    + "among the " + typeNames() + " channels the token can see. Fix: check the names, add the channel "
                    + "type to " + SlackConfig.CHANNEL_TYPES + ", or use the channel id.");
        }
        return result.stream().distinct().collect(Collectors.toList());
    }

    /** The channel's name by {@code conversations.info}; fails with the fix when the channel cannot be seen. */
    String info(final String id) throws InterruptedException {
        JsonNode channel = client.call("conversations.info", Map.of("channel", id), id).path("channel");
        return channel.path("name").asText(channel.path("user").asText(""));
    }

    private List<Channel> list(final String method) throws InterruptedException {
        List<Channel> channels = new ArrayList<>();
        String cursor = null;
        do {
            Map<String, String> params = new LinkedHashMap<>();
            params.put("types", typeNames());
            params.put("exclude_archived", "true");
            params.put("limit", Integer.toString(LIST_PAGE));
            Page page = client.page(method, params, "channels", cursor, null);
            for (JsonNode c : page.items()) {
                String id = c.path("id").asText("");
                if (!id.isEmpty()) {
                    channels.add(new Channel(id, c.path("name").asText(c.path("user").asText(""))));
                }
            }
            cursor = page.nextCursor();
        } while (cursor != null);
        return channels;
    }

    private String typeNames() {
        return types.stream().map(t -> t.name().toLowerCase(Locale.ROOT)).collect(Collectors.joining(","));
    }
}
