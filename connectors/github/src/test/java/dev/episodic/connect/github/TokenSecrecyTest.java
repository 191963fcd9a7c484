package dev.episodic.connect.github;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.episodic.connect.common.connector.TaskAssignments;
import dev.episodic.connect.common.testkit.github.FakeGitHub;
import dev.episodic.connect.common.testkit.github.FakeRepo;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.Logger;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Configurator;
import org.apache.logging.log4j.core.config.Property;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The token never appears in logs (at any level), error messages, events or offsets, through a sync, every kind
 * of failure, a rejected token, and validation.
 */
class TokenSecrecyTest {
    private static final String TOKEN = "ghp_NeverShowThis" + Long.toHexString(System.nanoTime());
    private final List<String> logged = new CopyOnWriteArrayList<>();
    private final AbstractAppender capture = new AbstractAppender("token-capture", null, null, true, new Property[0]) {
        @Override
        public void append(final LogEvent event) {
            StringBuilder line = new StringBuilder(event.getMessage().getFormattedMessage());
            for (Throwable t = event.getThrown(); t != null; t = t.getCause()) {
                line.append(" | ").append(t);
            }
            logged.add(line.toString());
        }
    };
    private FakeGitHub github;
    private Level previous;

    @BeforeEach
    void start() throws Exception {
        github = FakeGitHub.start(TOKEN);
        capture.start();
        Logger root = (Logger) LogManager.getRootLogger();
        previous = root.getLevel();
        root.addAppender(capture);
        Configurator.setAllLevels(LogManager.ROOT_LOGGER_NAME, Level.DEBUG);
    }

    @AfterEach
    void stop() {
        Logger root = (Logger) LogManager.getRootLogger();
        root.removeAppender(capture);
        Configurator.setAllLevels(LogManager.ROOT_LOGGER_NAME, previous);
        Configurator.setLevel("dev.episodic", Level.INFO);
        github.close();
    }

    private Map<String, String> props(final String token, final String... repos) {
        Map<String, String> p = new HashMap<>();
        p.put("name", "secret-test");
        p.put(GitHubConfig.REPOSITORIES, String.join(",", repos));
        p.put(GitHubConfig.TASK_REPOSITORIES, TaskAssignments.encode(List.of(repos)));
        p.put(GitHubConfig.RESOURCES, "issues,commits,pull_requests");
        p.put(GitHubConfig.TOKEN, token);
        p.put(GitHubConfig.API_URL, github.url());
        p.put(GitHubConfig.RATE_LIMIT_RESERVE, "0");
        p.put("poll.interval.ms", "100");
        return p;
    }

    @Test
    void tokenAppearsNowhereThroughSyncFaultsAndRejection() throws Exception {
        FakeRepo repo = github.createRepo("acme", "app");
        FakeRepo gone = github.createRepo("acme", "gone");
        repo.openIssue("an issue mentioning nothing secret");
        repo.commit("main", "a commit");
        gone.openIssue("x");
        List<String> errors = new CopyOnWriteArrayList<>();
        try (TaskHarness h = new TaskHarness(props(TOKEN, "acme/app", "acme/gone"))) {
            h.start();
            h.pollUntil(() -> h.records.size() >= 3, 50);
            github.delete(gone);
            github.inject(1, 429, Map.of("Retry-After", "1"), "{\"message\":\"secondary rate limit\"}");
            github.inject(1, 502, Map.of(), "<html>bad gateway</html>");
            github.inject(1, 200, Map.of(), "{not json");
            repo.openIssue("second");
            h.pollUntil(() -> h.records.size() >= 4, 200);
            assertThat(h.records).hasSize(4);
            for (SourceRecord r : h.records) {
                assertThat(String.valueOf(r.value())).doesNotContain(TOKEN);
                assertThat(String.valueOf(r.sourceOffset())).doesNotContain(TOKEN);
                assertThat(String.valueOf(r.sourcePartition())).doesNotContain(TOKEN);
                assertThat(String.valueOf(r.headers())).doesNotContain(TOKEN);
            }
        }
        Map<String, String> wrong = props("ghp_wrongButAlsoSecret", "acme/app");
        try (TaskHarness h = new TaskHarness(wrong)) {
            h.start();
            assertThatThrownBy(() -> h.pollUntil(() -> false, 5)).isInstanceOf(ConnectException.class)
                    .satisfies(e -> errors.add(e.getMessage())).hasMessageContaining("401");
        }
        GitHubSourceConnector connector = new GitHubSourceConnector();
        connector.validate(props(TOKEN, "acme/app", "acme/gone")).configValues()
                .forEach(v -> errors.addAll(v.errorMessages()));
        assertThat(logged).anyMatch(l -> l.contains("acme/gone")).anyMatch(l -> l.contains("429"));
        assertThat(errors).isNotEmpty();
        for (String line : logged) {
            assertThat(line).doesNotContain(TOKEN).doesNotContain("ghp_wrongButAlsoSecret");
        }
        for (String error : errors) {
            assertThat(error).doesNotContain(TOKEN).doesNotContain("ghp_wrongButAlsoSecret");
        }
    }
}
