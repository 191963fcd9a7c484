package dev.episodic.connect.github;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;

import dev.episodic.connect.common.connector.TaskAssignments;
import dev.episodic.connect.common.cursor.CursorFormatException;
import dev.episodic.connect.common.testkit.ConfigDefAssertions;
import dev.episodic.connect.common.testkit.github.FakeGitHub;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.config.Config;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.ConfigValue;
import org.apache.kafka.connect.connector.ConnectorContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Config, cursor, repository resolution, task split and validate() of the connector. */
class GitHubConnectorTest {
    private static final String TOKEN = "ghp_connectortest_" + Long.toHexString(System.nanoTime());
    private FakeGitHub github;

    @BeforeEach
    void start() throws Exception {
        github = FakeGitHub.start(TOKEN);
    }

    @AfterEach
    void stop() {
        github.close();
    }

    private Map<String, String> config(final String repositories) {
        Map<String, String> c = new HashMap<>();
        c.put("name", "gh");
        c.put(GitHubConfig.REPOSITORIES, repositories);
        c.put(GitHubConfig.TOKEN, TOKEN);
        c.put(GitHubConfig.API_URL, github.url());
        return c;
    }

    @Test
    void everyKeyIsDocumentedAndDefaultsMatchTheIssue() {
        ConfigDefAssertions.assertFullyDocumented(GitHubConfig.DEFINITION);
        GitHubConfig config = new GitHubConfig(config("acme/app"));
        assertThat(config.topic()).isEqualTo("episodic.github");
        assertThat(config.resources()).containsExactlyInAnyOrder(Resource.values());
        assertThat(config.rateLimitReserve()).isEqualTo(500);
        assertThat(config.pollInterval().toMillis()).isEqualTo(60_000);
        assertThat(config.repositoriesRefresh().toMillis()).isEqualTo(3_600_000);
        assertThat(new GitHubConfig(Map.of(GitHubConfig.REPOSITORIES, "a/b", GitHubConfig.TOKEN, "t")).apiUrl())
                .isEqualTo("https://api.github.com");
    }

    @Test
    void badValuesAreRefusedNamingTheKey() {
        Map<String, String> bad = config("acme");
        assertThatThrownBy(() -> new GitHubConfig(bad)).isInstanceOf(ConfigException.class)
                .hasMessageContaining(GitHubConfig.REPOSITORIES).hasMessageContaining("owner/name");
        Map<String, String> resources = config("acme/app");
        resources.put(GitHubConfig.RESOURCES, "issues,wiki");
        assertThatThrownBy(() -> new GitHubConfig(resources)).hasMessageContaining("wiki").hasMessageContaining("pull_requests");
        Map<String, String> url = config("acme/app");
        url.put(GitHubConfig.API_URL, "ftp://x");
        assertThatThrownBy(() -> new GitHubConfig(url)).hasMessageContaining(GitHubConfig.API_URL);
        Map<String, String> since = config("acme/app");
        since.put(GitHubConfig.SINCE, "last tuesday");
        assertThatThrownBy(() -> new GitHubConfig(since)).hasMessageContaining("ISO-8601");
    }

    @Test
    void tokenIsAPasswordAndNeverShownByTheConfig() {
        GitHubConfig config = new GitHubConfig(config("acme/app"));
        assertThat(config.toString()).doesNotContain(TOKEN);
        assertThat(config.values().toString()).doesNotContain(TOKEN);
        assertThat(config.token()).isEqualTo(TOKEN);
    }

    @Test
    void cursorRoundTripsThroughItsOffset() {
        GitHubCursor cursor = new GitHubCursor(42, Instant.parse("2024-05-01T10:00:00Z"), new LinkedHashSet<>(List.of("7", "9")),
                "W/\"abc\"", "2024-05-01T10:00:00Z", 60, "base", "target", "last", "W/\"tl\"",
                Instant.parse("2024-05-01T11:00:00Z"));
        Map<String, Object> offset = cursor.toOffset();
        assertThat(offset.values()).allMatch(v -> v instanceof String || v instanceof Number || v instanceof Boolean);
        Map<String, Object> asStored = new HashMap<>(offset);
        asStored.put("seq", 42);
        assertThat(GitHubCursor.CODEC.decode(asStored)).isEqualTo(cursor);
        assertThat(GitHubCursor.CODEC.decode(GitHubCursor.empty().toOffset())).isEqualTo(GitHubCursor.empty());
    }

    @Test
    void corruptCursorsAreRefusedStrictlyAndReadLeniently() {
        Map<String, Object> bad = new HashMap<>(GitHubCursor.empty().toOffset());
        bad.put("watermark", "yesterday");
        assertThatThrownBy(() -> GitHubCursor.CODEC.decode(bad)).isInstanceOf(CursorFormatException.class)
                .hasMessageContaining("watermark");
        assertThat(GitHubCursor.CODEC.read("github:a/b:issues", bad)).isEmpty();
    }

    @Test
    void tieBreakerCoversExactlyWhatWasEmitted() {
        Instant t = Instant.parse("2024-01-01T00:00:00Z");
        GitHubCursor c = GitHubCursor.empty().advance(t, "1").advance(t, "2");
        assertThat(c.covers(t, "1")).isTrue();
        assertThat(c.covers(t, "3")).isFalse();
        assertThat(c.covers(t.minusSeconds(1), "9")).isTrue();
        assertThat(c.advance(t.plusSeconds(1), "3").ties()).containsExactly("3");
        assertThat(c.seq()).isEqualTo(2);
    }

    @Test
    void ownerWildcardResolvesAndGrowsIntoNewTasks() throws Exception {
        github.createRepo("acme", "b");
        github.createRepo("acme", "a");
        github.createRepo("other", "x");
        GitHubSourceConnector connector = new GitHubSourceConnector();
        ConnectorContext context = mock(ConnectorContext.class);
        connector.initialize(context);
        Map<String, String> c = config("acme/*,other/x");
        c.put(GitHubConfig.RATE_LIMIT_RESERVE, "0");
        connector.start(c);
        try {
            assertThat(connector.repositories()).containsExactly("acme/a", "acme/b", "other/x");
            List<Map<String, String>> tasks = connector.taskConfigs(2);
            assertThat(tasks).hasSize(2);
            assertThat(TaskAssignments.decode("k", tasks.get(0).get(GitHubConfig.TASK_REPOSITORIES)))
                    .containsExactly("acme/a", "other/x");
            assertThat(tasks.get(0)).containsEntry(GitHubConfig.SOURCE_ID, "gh");
            github.createRepo("acme", "c");
            connector.refresh();
            verify(context).requestTaskReconfiguration();
            assertThat(connector.repositories()).containsExactly("acme/a", "acme/b", "acme/c", "other/x");
        } finally {
            connector.stop();
        }
    }

    @Test
    void validateNamesTheMissingRepositoryTheRejectedTokenAndTheUnreachableUrl() throws Exception {
        github.createRepo("acme", "app");
        GitHubSourceConnector connector = new GitHubSourceConnector();
        assertThat(errors(connector.validate(config("acme/app")))).isEmpty();

        Map<String, List<String>> missing = errors(connector.validate(config("acme/app,acme/missing")));
        assertThat(missing.get(GitHubConfig.REPOSITORIES)).singleElement().asString()
                .contains("acme/missing").contains("404").contains(GitHubConfig.REPOSITORIES);

        Map<String, String> wrongToken = config("acme/app");
        wrongToken.put(GitHubConfig.TOKEN, "ghp_wrong_token_value");
        Map<String, List<String>> rejected = errors(connector.validate(wrongToken));
        assertThat(rejected.get(GitHubConfig.TOKEN)).singleElement().asString().contains("401");
        assertThat(rejected.toString()).doesNotContain("ghp_wrong_token_value").doesNotContain(TOKEN);

        Map<String, String> unreachable = config("acme/app");
        unreachable.put(GitHubConfig.API_URL, "http://127.0.0.1:1");
        unreachable.put(GitHubConfig.REQUEST_TIMEOUT_MS, "2000");
        assertThat(errors(connector.validate(unreachable)).get(GitHubConfig.API_URL)).singleElement().asString()
                .contains("http://127.0.0.1:1").contains("unreachable");
    }

    private static Map<String, List<String>> errors(final Config config) {
        Map<String, List<String>> errors = new HashMap<>();
        for (ConfigValue v : config.configValues()) {
            if (!v.errorMessages().isEmpty()) {
                errors.put(v.name(), v.errorMessages());
            }
        }
        return errors;
    }

    @Test
    void taskConfigsNeverCarryMoreThanTheConfiguredRepositories() {
        Set<String> seen = new LinkedHashSet<>();
        GitHubSourceConnector connector = new GitHubSourceConnector();
        connector.initialize(mock(ConnectorContext.class));
        github.createRepo("acme", "one");
        connector.start(config("acme/one"));
        try {
            for (Map<String, String> task : connector.taskConfigs(4)) {
                seen.addAll(TaskAssignments.decode("k", task.get(GitHubConfig.TASK_REPOSITORIES)));
            }
            assertThat(seen).containsExactly("acme/one");
        } finally {
            connector.stop();
        }
    }
}
