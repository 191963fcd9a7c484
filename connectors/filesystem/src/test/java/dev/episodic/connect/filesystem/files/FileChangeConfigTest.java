package dev.episodic.connect.filesystem.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.episodic.connect.common.testkit.ConfigDefAssertions;
import dev.episodic.connect.filesystem.FileChangeConfig;
import dev.episodic.connect.filesystem.FileChangeSourceConnector;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.ConfigValue;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.source.ExactlyOnceSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileChangeConfigTest {
    @TempDir
    Path dir;

    @Test
    void everyKeyIsDocumented() {
        ConfigDefAssertions.assertFullyDocumented(FileChangeConfig.DEFINITION);
    }

    @Test
    void defaultsAreTheIssuesOnes() {
        FileChangeConfig config = new FileChangeConfig(Map.of("fs.roots", dir.toString(), "name", "c"));
        assertThat(config.topic()).isEqualTo("episodic.files");
        assertThat(config.getList(FileChangeConfig.INCLUDE)).containsExactly("**");
        assertThat(config.getList(FileChangeConfig.EXCLUDE))
                .containsExactly(".git/**", "**/node_modules/**", "**/target/**", "**/.episodic/**");
        assertThat(config.getLong(FileChangeConfig.SCAN_INTERVAL_MS)).isEqualTo(30_000L);
        assertThat(config.getBoolean(FileChangeConfig.FOLLOW_SYMLINKS)).isFalse();
        assertThat(config.getBoolean(FileChangeConfig.HASH)).isTrue();
        assertThat(config.getInt(FileChangeConfig.CONTENT_MAX_BYTES)).isZero();
        assertThat(config.getBoolean(FileChangeConfig.INITIAL_SCAN)).isTrue();
        assertThat(config.sourceId()).isEqualTo("c");
    }

    @Test
    void theRestExampleInConfigIsAValidConfig() throws Exception {
        Path example = Path.of(System.getProperty("user.dir")).resolve("../../config/file-changes.json").normalize();
        com.fasterxml.jackson.databind.JsonNode json = dev.episodic.connect.common.event.EventJson.mapper().readTree(example.toFile());
        Map<String, String> props = new HashMap<>();
        json.path("config").fields().forEachRemaining(e -> props.put(e.getKey(), e.getValue().asText()));
        props.put("name", json.path("name").asText());
        assertThat(props.get("connector.class")).isEqualTo(FileChangeSourceConnector.class.getName());
        FileChangeConfig config = new FileChangeConfig(props);
        assertThat(config.roots()).hasSize(3);
        for (String key : FileChangeConfig.DEFINITION.names()) {
            if (!key.equals("fs.task.roots")) {
                assertThat(props).as("the example shows " + key).containsKey(key);
            }
        }
    }

    @Test
    void badValuesAreRefused() {
        assertThatThrownBy(() -> new FileChangeConfig(Map.of("fs.roots", "")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("at least one");
        assertThatThrownBy(() -> new FileChangeConfig(Map.of("fs.roots", "/x", "fs.exclude", "/abs/**")))
                .hasMessageContaining("leading slash");
        assertThatThrownBy(() -> new FileChangeConfig(Map.of("fs.roots", "/x", "fs.scan.interval.ms", "5")))
                .hasMessageContaining("fs.scan.interval.ms");
        assertThatThrownBy(() -> new FileChangeConfig(Map.of("fs.roots", "/x", "fs.hash", "maybe")))
                .hasMessageContaining("fs.hash");
    }

    @Test
    void validateNamesAMissingRootAndAFileGivenAsRoot() throws Exception {
        Path file = Files.writeString(dir.resolve("plain.txt"), "x");
        Map<String, String> props = new HashMap<>();
        props.put("connector.class", FileChangeSourceConnector.class.getName());
        props.put("fs.roots", dir.resolve("missing") + "," + file + "," + dir);
        ConfigValue roots = new FileChangeSourceConnector().validate(props).configValues().stream()
                .filter(v -> v.name().equals("fs.roots")).findFirst().orElseThrow();
        assertThat(roots.errorMessages()).containsExactly(
                "Root " + dir.resolve("missing") + " does not exist; create the folder or fix fs.roots",
                "Root " + file + " is not a folder; name a folder in fs.roots");
    }

    @Test
    void connectorSplitsRootsAndChecksAlteredOffsets() {
        FileChangeSourceConnector connector = new FileChangeSourceConnector();
        connector.start(Map.of("fs.roots", dir.resolve("a") + "," + dir.resolve("b") + "," + dir.resolve("c"), "name", "n"));
        List<Map<String, String>> tasks = connector.taskConfigs(2);
        assertThat(tasks).hasSize(2);
        assertThat(tasks.get(0).get("fs.task.roots")).isEqualTo("[\"files:a\",\"files:c\"]");
        assertThat(connector.exactlyOnceSupport(Map.of())).isEqualTo(ExactlyOnceSupport.SUPPORTED);

        Map<String, Object> offset = new FileShardCursor(1, "", "").toOffset();
        assertThat(connector.alterOffsets(Map.of(), Map.of(ShardPartition.of("files:a", 3), offset))).isTrue();
        assertThatThrownBy(() -> connector.alterOffsets(Map.of(), Map.of(Map.of("stream", "files:a"), offset)))
                .isInstanceOf(ConnectException.class).hasMessageContaining("\"shard\"");
        Map<String, Object> broken = new HashMap<>(offset);
        broken.put("files", "nonsense");
        assertThatThrownBy(() -> connector.alterOffsets(Map.of(), Map.of(ShardPartition.of("files:a", 3), broken)))
                .hasMessageContaining("malformed");
    }
}
