package dev.episodic.connect.slack;

import com.fasterxml.jackson.databind.JsonNode;
import dev.episodic.connect.slack.client.BudgetSpentException;
import dev.episodic.connect.slack.client.SlackApiException;
import dev.episodic.connect.slack.client.SlackWebClient;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Display names of users, looked up once per user with {@code users.info} and kept (bounded, least recently added
 * first out). A user that cannot be looked up keeps its id as its name rather than failing the channel.
 */
final class UserDirectory {
    private static final int MAX_USERS = 50_000;

    private final SlackWebClient client;
    private final Map<String, String> names = new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(final Map.Entry<String, String> eldest) {
            return size() > MAX_USERS;
        }
    };
    private long lookups;

    UserDirectory(final SlackWebClient client) {
        this.client = client;
    }

    /** The user's display name (or real name, or name), or the id itself when Slack cannot tell. */
    String displayName(final String userId) throws InterruptedException {
        if (userId == null || userId.isEmpty()) {
            return null;
        }
        String known = names.get(userId);
        if (known != null) {
            return known;
        }
        try {
            lookups++;
            JsonNode user = client.call("users.info", Map.of("user", userId), null).path("user");
            String name = firstNonEmpty(user.path("profile").path("display_name").asText(""),
                    user.path("profile").path("real_name").asText(""), user.path("real_name").asText(""),
                    user.path("name").asText(""), userId);
            names.put(userId, name);
            return name;
        } catch (BudgetSpentException e) {
            // Out of users.info budget: name it by id this time and look it up again later.
            return userId;
        } catch (SlackApiException e) {
            if ("user_not_found".equals(e.error()) || "users_not_found".equals(e.error())) {
                names.put(userId, userId);
                return userId;
            }
            throw e;
        }
    }

    long lookups() {
        return lookups;
    }

    private static String firstNonEmpty(final String... values) {
        for (String v : values) {
            if (v != null && !v.isEmpty()) {
                return v;
            }
        }
        return null;
    }
}
