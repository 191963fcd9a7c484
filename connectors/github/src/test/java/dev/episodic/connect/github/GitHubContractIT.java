package dev.episodic.connect.github;

import dev.episodic.connect.common.testkit.ContractSource;
import dev.episodic.connect.common.testkit.SourceConnectorContractTest;
import dev.episodic.connect.common.testkit.github.FakeGitHub;
import dev.episodic.connect.common.testkit.github.FakeRepo;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.episodic.connect.common.event.EventJson;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.connect.source.SourceConnector;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * The suite's contract on the embedded cluster with exactly-once on, against the stateful fake GitHub: each
 * test gets its own fake with two repositories (issues and commits), and new activity is new issues and commits.
 * The worker restart lands mid-sync of 5,000 new items.
 */
class GitHubContractIT extends SourceConnectorContractTest {
    private static final String TOKEN = "ghp_contract_" + Long.toHexString(System.nanoTime());
    private final List<FakeGitHub> fakes = new CopyOnWriteArrayList<>();

    @Override
    protected Class<? extends SourceConnector> connectorClass() {
        return GitHubSourceConnector.class;
    }

    @Override
    protected int bulkActivity() {
        return 5_000;
    }

    @Override
    protected ContractSource newSource(final Path dir) throws Exception {
        FakeGitHub github = FakeGitHub.start(TOKEN);
        fakes.add(github);
        FakeRepo app = github.createRepo("acme", "app");
        FakeRepo lib = github.createRepo("acme", "lib");
        for (int i = 0; i < 3; i++) {
            app.openIssue("app issue " + i);
            app.commit("main", "app commit " + i);
        }
        lib.openIssue("lib issue");
        return new ContractSource() {
            @Override
            public Map<String, String> config() {
                return Map.of(GitHubConfig.REPOSITORIES, "acme/*",
                        GitHubConfig.RESOURCES, "issues,commits",
                        GitHubConfig.TOKEN, TOKEN,
                        GitHubConfig.API_URL, github.url(),
                        GitHubConfig.RATE_LIMIT_RESERVE, "0");
            }

            @Override
            public int initialEvents() {
                return 7;
            }

            @Override
            public int addActivity(final int amount) {
                for (int i = 0; i < amount; i++) {
                    if (i % 2 == 0) {
                        app.openIssue("more " + i);
                    } else {
                        lib.commit("main", "more " + i);
                    }
                }
                return amount;
            }
        };
    }

    @Override
    protected Map<String, String> invalidConfig(final Path dir) {
        try {
            FakeGitHub github = FakeGitHub.start(TOKEN);
            fakes.add(github);
            github.createRepo("acme", "app");
            return Map.of(GitHubConfig.REPOSITORIES, "acme/app,acme/missing", GitHubConfig.TOKEN, TOKEN,
                    GitHubConfig.API_URL, github.url());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Override
    protected String invalidConfigMessage(final Path dir) {
        return "Repository acme/missing is not readable with this token (404)";
    }

    /** The shipped config/github.json passes the worker's validate endpoint once its token and API reach a GitHub. */
    @Test
    void shippedExampleValidatesOnTheWorker() throws Exception {
        FakeGitHub github = FakeGitHub.start(TOKEN);
        fakes.add(github);
        github.createRepo("acme", "app");
        github.createRepo("octo-org", "website");
        JsonNode example = EventJson.mapper().readTree(
                Path.of("").toAbsolutePath().resolve("../../config/github.json").normalize().toFile());
        Map<String, String> config = new HashMap<>();
        example.path("config").fields().forEachRemaining(e -> config.put(e.getKey(), e.getValue().asText()));
        config.put("name", example.path("name").asText());
        config.put(GitHubConfig.TOKEN, TOKEN);
        config.put(GitHubConfig.API_URL, github.url());
        JsonNode result = cluster.rest().validate(GitHubSourceConnector.class.getName(), config).requireOk().json();
        assertThat(result.path("error_count").asInt()).as(result.toString()).isZero();
    }

    @AfterAll
    void stopFakes() {
        fakes.forEach(FakeGitHub::close);
    }
}
