package dev.episodic.connect.slack.client;

import com.fasterxml.jackson.databind.JsonNode;
import dev.episodic.connect.common.task.RateLimitedException;
import dev.episodic.connect.common.task.RetryLaterException;
import java.time.Duration;
import java.util.Set;
import org.apache.kafka.connect.errors.ConnectException;

/** Turns Slack's {@code ok:false} answers into the exception that says what happened and what fixes it. */
final class SlackErrors {
    private static final Set<String> TOKEN_ERRORS = Set.of("invalid_auth", "not_authed", "token_revoked",
            "token_expired", "account_inactive", "no_permission", "team_access_not_granted", "ekm_access_denied");
    private static final Set<String> PASSING_ERRORS = Set.of("internal_error", "fatal_error",
            "service_unavailable", "request_timeout");

    private SlackErrors() {
    }

    static ConnectException toException(final String method, final JsonNode body, final String channel,
                                        final Duration retryAfter) {
        String error = body.path("error").asText("");
        if (error.isEmpty()) {
            error = "unknown_error";
        }
        String where = "Slack " + method + (channel == null ? "" : " on channel " + channel);
        if ("ratelimited".equals(error)) {
            return new RateLimitedException(where + " answered ratelimited; waiting "
                    + (retryAfter == null ? "with backoff" : retryAfter.toSeconds() + " s as Retry-After asks"),
                    retryAfter);
        }
        if (PASSING_ERRORS.contains(error)) {
            return new RetryLaterException(where + " answered " + error + "; retrying", retryAfter, null);
        }
        if (TOKEN_ERRORS.contains(error)) {
            return new SlackApiException(method, error, where + " refused the token (" + error + "). Fix: set "
                    + "slack.token to a valid, unrevoked bot (xoxb-) or user (xoxp-) token of the workspace and "
                    + "restart the connector.");
        }
        if ("missing_scope".equals(error)) {
            String needed = body.path("needed").asText("");
            return new SlackApiException(method, error, where + " needs the OAuth scope '"
                    + (needed.isEmpty() ? "unknown" : needed) + "' which the token lacks (it has: "
                    + body.path("provided").asText("unknown") + "). Fix: add that scope to the Slack app, "
                    + "reinstall it to the workspace and use the new token.");
        }
        if ("not_in_channel".equals(error)) {
            return new ChannelUnavailableException(method, error, where + " (not_in_channel): the app is not a member of the "
                    + "channel. Fix: invite the app to the channel (/invite @your-app), or remove it from slack.channels.");
        }
        if ("channel_not_found".equals(error)) {
            return new ChannelUnavailableException(method, error, where + " (channel_not_found): the channel does not exist or the "
                    + "token cannot see it. Fix: check the id in slack.channels, and invite the app if the channel is "
                    + "private.");
        }
        return new SlackApiException(method, error, where + " failed with error '" + error + "'. See "
                + "https://api.slack.com/methods/" + method + " for its meaning.");
    }
}
