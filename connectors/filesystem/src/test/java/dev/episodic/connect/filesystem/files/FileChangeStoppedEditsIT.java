package dev.episodic.connect.filesystem.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.episodic.connect.common.testkit.ConnectRestClient;
import dev.episodic.connect.common.testkit.ConsumedEvent;
import dev.episodic.connect.common.testkit.EpisodicConnectCluster;
import dev.episodic.connect.common.testkit.StreamAssertions;
import dev.episodic.connect.filesystem.FileChangeSourceConnector;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Edits, adds, deletes and renames files while the connector is stopped; after resume each change must arrive
 * exactly once (exactly-once worker, read_committed), and the stored offsets must be the documented shard shape.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FileChangeStoppedEditsIT {
    private static final String NAME = "files-stopped-edits";
    private static final String TOPIC = "episodic.files.stopped";
    private EpisodicConnectCluster cluster;

    @BeforeAll
    void start() {
        cluster = EpisodicConnectCluster.start(getClass().getSimpleName());
    }

    @AfterAll
    void close() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void everyChangeMadeWhileStoppedArrivesOnce(@TempDir final Path dir) {
        FileTree tree = new FileTree(dir.resolve("project"));
        for (int i = 0; i < 30; i++) {
            tree.write("pkg" + (i % 3) + "/file-" + i + ".txt", "version 1 of " + i);
        }
        ObjectNode request = ConnectRestClient.object();
        request.put("name", NAME);
        ObjectNode config = request.putObject("config");
        config.put("connector.class", FileChangeSourceConnector.class.getName());
        config.put("tasks.max", "1");
        config.put("topic", TOPIC);
        config.put("fs.roots", tree.root().toString());
        config.put("fs.scan.interval.ms", "200");
        config.put("poll.interval.ms", "200");
        config.put("batch.max.events", "7");
        assertThat(cluster.rest().deploy(request.toString()).status()).isEqualTo(201);
        cluster.rest().awaitRunning(NAME, 1, Duration.ofSeconds(60));
        StreamAssertions.assertDenseAndUnique(read(30));

        assertThat(cluster.rest().stop(NAME).status()).isEqualTo(204);
        cluster.rest().awaitState(NAME, "STOPPED", 0, Duration.ofSeconds(60));
        tree.write("pkg0/file-0.txt", "edited while stopped");
        tree.touch("pkg1/file-1.txt");
        tree.delete("pkg2/file-2.txt");
        tree.write("pkg0/added.txt", "added while stopped");
        tree.move("pkg0/file-3.txt", "moved/file-3.txt");
        cluster.rest().resume(NAME).requireOk();
        cluster.rest().awaitRunning(NAME, 1, Duration.ofSeconds(60));

        List<ConsumedEvent> all = read(34);
        StreamAssertions.assertDenseAndUnique(all);
        assertThat(all.subList(30, 34)).extracting(e -> e.event().eventType(), e -> e.event().attributes().get("path"))
                .containsExactlyInAnyOrder(tuple("file_modified", "pkg0/file-0.txt"), tuple("file_deleted", "pkg2/file-2.txt"),
                        tuple("file_added", "pkg0/added.txt"), tuple("file_renamed", "moved/file-3.txt"));

        assertThat(cluster.rest().stop(NAME).status()).isEqualTo(204);
        cluster.rest().awaitState(NAME, "STOPPED", 0, Duration.ofSeconds(60));
        JsonNode offsets = cluster.rest().offsets(NAME).requireOk().json().path("offsets");
        long maxSeq = 0;
        for (JsonNode entry : offsets) {
            assertThat(entry.path("partition").path("stream").asText()).isEqualTo("files:project");
            assertThat(entry.path("partition").path("shard").asText()).matches("[0-9]+");
            assertThat(entry.path("offset").path("shards").asInt()).isEqualTo(256);
            assertThat(entry.path("offset").toString().getBytes(StandardCharsets.UTF_8).length).isLessThan(512 * 1024);
            maxSeq = Math.max(maxSeq, entry.path("offset").path("seq").asLong());
        }
        assertThat(maxSeq).isEqualTo(34);
        cluster.rest().deleteConnector(NAME);
    }

    private List<ConsumedEvent> read(final int expected) {
        return cluster.reader().readExactly(TOPIC, expected, Duration.ofSeconds(120), Duration.ofSeconds(3));
    }
}
