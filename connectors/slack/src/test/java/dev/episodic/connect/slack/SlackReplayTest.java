package dev.episodic.connect.slack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.episodic.connect.common.task.RetryLaterException;
import dev.episodic.connect.slack.client.Page;
import dev.episodic.connect.slack.client.RequestBudget;
import dev.episodic.connect.slack.client.SlackApiException;
import dev.episodic.connect.slack.client.SlackWebClient;
import dev.episodic.connect.slack.fake.Cassette;
import dev.episodic.connect.slack.fake.ReplayServer;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.types.Password;
import org.junit.jupiter.api.Test;

/** Replays real Slack answers recorded in ../shared/fixtures/slack/vcr through the client and its users. */
class SlackReplayTest {
    private static final String TOKEN = "xoxb-replay-SECRET-42";

    private static SlackWebClient client(final ReplayServer server) {
        return new SlackWebClient(server.url(), new Password(TOKEN), new RequestBudget(100, Clock.systemUTC()),
                Duration.ofSeconds(5));
    }

    @Test
    void authTestSuccessReturnsTheTeamAndSendsTheTokenOnlyAsBearerHeader() throws Exception {
        List<Cassette.Interaction> recorded = Cassette.read("auth_test_success.yml");
        String team = new ObjectMapper().readTree(recorded.get(0).body()).path("team_id").asText();
        try (ReplayServer server = new ReplayServer(recorded)) {
            JsonNode body = client(server).call("auth.test", Map.of(), null);
            assertThat(body.path("team_id").asText()).isEqualTo(team).isNotEmpty();
            assertThat(server.requests()).singleElement().satisfies(r -> {
                assertThat(r.authorization()).isEqualTo("Bearer " + TOKEN);
                assertThat(r.body()).doesNotContain(TOKEN);
            });
        }
    }

    @Test
    void recordedAuthErrorIsFatalAndNamesTheFix() throws Exception {
        try (ReplayServer server = new ReplayServer(Cassette.read("auth_test_error.yml"))) {
            assertThatThrownBy(() -> client(server).call("auth.test", Map.of(), null))
                    .isInstanceOfSatisfying(SlackApiException.class, e -> assertThat(e.error()).isEqualTo("not_authed"))
                    .hasMessageContaining("not_authed").hasMessageContaining("Fix: set slack.token")
                    .satisfies(e -> assertThat(e.getMessage()).doesNotContain(TOKEN));
        }
    }

    @Test
    void recorded429HonoursRetryAfterThenTheNextAnswerIsRead() throws Exception {
        try (ReplayServer server = new ReplayServer(Cassette.read("429_error.historical-dd0e69e.yml"))) {
            SlackWebClient client = client(server);
            assertThatThrownBy(() -> client.call("auth.test", Map.of(), null))
                    .isInstanceOfSatisfying(RetryLaterException.class,
                            e -> assertThat(e.retryAfter()).contains(Duration.ofSeconds(3600)))
                    .hasMessageContaining("HTTP 429");
            assertThatThrownBy(() -> client.call("auth.test", Map.of(), null))
                    .isInstanceOf(SlackApiException.class).hasMessageContaining("not_authed");
        }
    }

    @Test
    void followsTheRecordedUsersListCursorChainToItsEnd() throws Exception {
        List<Cassette.Interaction> recorded = Cassette.read("paginated_users_list.yml");
        try (ReplayServer server = new ReplayServer(recorded)) {
            SlackWebClient client = client(server);
            Map<String, String> params = new LinkedHashMap<>();
            params.put("limit", "5");
            params.put("presence", "true");
            List<String> cursors = new ArrayList<>();
            int members = 0;
            String cursor = null;
            do {
                Page page = client.page("users.list", params, "members", cursor, null);
                members += page.items().size();
                cursor = page.nextCursor();
                cursors.add(cursor);
            } while (cursor != null);
            assertThat(cursors).containsExactly("dXNlcjpVMDc1MThEVEw=", "dXNlcjpVMEdQUjZLREo=",
                    "dXNlcjpVMEhMRlVaTEo=", "dXNlcjpVMFMwRzAyOEs=", "dXNlcjpVUEQ4WjJFM1Q=",
                    "dXNlcjpVMDEyU0E5S1c0Ug==", null);
            assertThat(members).isEqualTo(recorded.stream().mapToInt(this::memberCount).sum());
            // Each request carries the cursor the recording carried (form-encoded the same way).
            List<ReplayServer.Request> sent = server.requests();
            for (int i = 0; i < recorded.size(); i++) {
                assertThat(formParams(sent.get(i).body())).isEqualTo(formParams(recorded.get(i).requestBody()));
            }
            assertThat(server.unanswered()).isZero();
        }
    }

    @Test
    void resolvesAChannelNameFoundOnTheSecondRecordedConversationsListPage() throws Exception {
        List<Cassette.Interaction> recorded = Cassette.read("conversations_setTopic_paginated.yml").subList(0, 2);
        JsonNode secondPage = new ObjectMapper().readTree(recorded.get(1).body());
        JsonNode wanted = secondPage.path("channels").get(secondPage.path("channels").size() - 1);
        try (ReplayServer server = new ReplayServer(recorded)) {
            List<Channel> resolved = new ChannelResolver(client(server), List.of(ChannelType.PUBLIC_CHANNEL))
                    .resolve(List.of("#" + wanted.path("name").asText()));
            assertThat(resolved).containsExactly(new Channel(wanted.path("id").asText(), wanted.path("name").asText()));
            assertThat(server.requests()).hasSize(2);
            assertThat(server.requests().get(1).body()).contains("cursor=dGVhbTpDMDE5Q1Y1RFdNUQ%3D%3D");
        }
    }

    @Test
    void looksUpARecordedUserOnceAndCachesTheName() throws Exception {
        List<Cassette.Interaction> recorded = Cassette.read("users_info.yml");
        Cassette.Interaction info = recorded.stream().filter(i -> i.method().equals("users.info")).findFirst().orElseThrow();
        JsonNode user = new ObjectMapper().readTree(info.body()).path("user");
        String expected = user.path("profile").path("display_name").asText("").isEmpty()
                ? user.path("profile").path("real_name").asText() : user.path("profile").path("display_name").asText();
        try (ReplayServer server = new ReplayServer(List.of(info))) {
            UserDirectory users = new UserDirectory(client(server));
            assertThat(users.displayName("U07KECJ77")).isEqualTo(expected).isNotEmpty();
            assertThat(users.displayName("U07KECJ77")).isEqualTo(expected);
            assertThat(server.requests()).hasSize(1);
            assertThat(formParams(server.requests().get(0).body())).isEqualTo(formParams(info.requestBody()));
        }
    }

    private static java.util.Set<String> formParams(final String body) {
        return java.util.Set.of(body.split("&"));
    }

    private int memberCount(final Cassette.Interaction i) {
        try {
            return new ObjectMapper().readTree(i.body()).path("members").size();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
