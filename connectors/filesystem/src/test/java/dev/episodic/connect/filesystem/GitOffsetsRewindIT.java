package dev.episodic.connect.filesystem;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.episodic.connect.common.testkit.ConnectRestClient;
import dev.episodic.connect.common.testkit.ConsumedEvent;
import dev.episodic.connect.common.testkit.EpisodicConnectCluster;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Rewinding a repository's cursor through PATCH /connectors/{name}/offsets: the user writes the tips as they were
 * after an earlier commit, and the connector re-emits exactly the commits after it, continuing the written seq.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GitOffsetsRewindIT {
    private EpisodicConnectCluster cluster;

    @BeforeAll
    void start() {
        cluster = EpisodicConnectCluster.start("git-rewind");
    }

    @AfterAll
    void stop() {
        cluster.close();
    }

    @Test
    void patchedCursorReplaysTheCommitsAfterIt(@TempDir final Path dir) throws Exception {
        GitActivity repo = GitActivity.init(dir.resolve("service"));
        List<String> shas = repo.commits("main", null, 10);
        Map<String, String> config = new HashMap<>(Map.of(
                "connector.class", GitCommitSourceConnector.class.getName(), "tasks.max", "1",
                "git.repositories", repo.dir().toString(), "topic", "git.rewind.a", "poll.interval.ms", "200"));
        cluster.rest().putConfig("rewind", config).requireOk();
        cluster.rest().awaitRunning("rewind", 1, Duration.ofSeconds(60));
        cluster.reader().readAtLeast("git.rewind.a", 11, Duration.ofSeconds(60));

        assertThat(cluster.rest().stop("rewind").status()).isEqualTo(204);
        cluster.rest().awaitState("rewind", "STOPPED", 0, Duration.ofSeconds(60));
        JsonNode current = cluster.rest().offsets("rewind").requireOk().json().path("offsets").get(0);
        assertThat(current.path("partition").path("stream").asText()).isEqualTo("git:service");
        assertThat(current.path("offset").path("tip.main").asText()).isEqualTo(shas.get(9));
        assertThat(current.path("offset").path("seq").asLong()).isEqualTo(11);

        ObjectNode body = ConnectRestClient.object();
        ObjectNode entry = body.putArray("offsets").addObject();
        entry.putObject("partition").put("stream", "git:service");
        entry.putObject("offset").put("v", 1).put("seq", 6).put("tip.main", shas.get(4)).put("pending", false);
        cluster.rest().alterOffsets("rewind", body.toString()).requireOk();

        config.put("topic", "git.rewind.b");
        cluster.rest().putConfig("rewind", config).requireOk();
        cluster.rest().resume("rewind").requireOk();
        cluster.rest().awaitRunning("rewind", 1, Duration.ofSeconds(60));
        List<ConsumedEvent> replay = cluster.reader().readExactly("git.rewind.b", 5, Duration.ofSeconds(60), Duration.ofSeconds(2));
        assertThat(replay).extracting(e -> e.event().attributes().get("sha")).containsExactlyElementsOf(shas.subList(5, 10));
        assertThat(replay).extracting(e -> e.event().sequence()).containsExactly(7L, 8L, 9L, 10L, 11L);
        assertThat(replay.stream().map(e -> e.event().eventType()).collect(Collectors.toSet())).containsExactly("commit");
    }
}
