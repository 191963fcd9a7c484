package dev.episodic.connect.filesystem;

import dev.episodic.connect.common.testkit.ContractSource;
import dev.episodic.connect.common.testkit.SourceConnectorContractTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.connect.source.SourceConnector;

/**
 * The suite's contract for the git connector. Its worker-restart step restarts the worker while a repository that
 * grew by 5,000 commits is mid-ingest; the committed topic must still hold every commit once, sequences dense.
 */
class GitCommitContractIT extends SourceConnectorContractTest {

    @Override
    protected Class<? extends SourceConnector> connectorClass() {
        return GitCommitSourceConnector.class;
    }

    @Override
    protected ContractSource newSource(final Path dir) throws Exception {
        GitActivity repo = GitActivity.init(dir.resolve("project"));
        repo.commits("main", null, 10);
        return new ContractSource() {
            @Override
            public Map<String, String> config() {
                return Map.of("git.repositories", repo.dir().toString(), "include.payload", "true");
            }

            @Override
            public int initialEvents() {
                return 10 + 1; // ten commits and the branch_created of main
            }

            @Override
            public int addActivity(final int amount) throws Exception {
                return repo.commits("main", null, amount).size();
            }
        };
    }

    @Override
    protected int bulkActivity() {
        return 5_000;
    }

    @Override
    protected Duration ingestTimeout() {
        return Duration.ofSeconds(180);
    }

    @Override
    protected Map<String, String> invalidConfig(final Path dir) {
        try {
            Files.createDirectories(dir.resolve("plain-folder"));
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
        return Map.of("git.repositories", dir.resolve("plain-folder").toString());
    }

    @Override
    protected String invalidConfigMessage(final Path dir) {
        return dir.resolve("plain-folder") + " is not a git repository";
    }
}
