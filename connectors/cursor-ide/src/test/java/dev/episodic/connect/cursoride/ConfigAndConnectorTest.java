package dev.episodic.connect.cursoride;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.episodic.connect.common.testkit.ConfigDefAssertions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.config.Config;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.ConfigValue;
import org.apache.kafka.connect.source.ExactlyOnceSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigAndConnectorTest {
    @TempDir
    Path dir;

    @Test
    void everyKeyIsDocumentedAndDefaultsAreTheIssues() {
        ConfigDefAssertions.assertFullyDocumented(CursorIdeConfig.DEFINITION);
        CursorIdeConfig config = new CursorIdeConfig(Map.of("name", "c"));
        assertThat(config.topic()).isEqualTo("episodic.cursor");
        assertThat(config.pollInterval().toMillis()).isEqualTo(5_000);
        assertThat(config.syncWindow().toHours()).isEqualTo(24);
        assertThat(config.includeText()).isTrue();
        assertThat(config.maxOpenDatabases()).isEqualTo(10);
        assertThat(config.queryTimeout().toMillis()).isEqualTo(1_500);
        assertThat(config.workspaceGlobs()).isEmpty();
        assertThat(config.sourceId()).isEqualTo("c");
    }

    @Test
    void theDataFolderDefaultsPerPlatform() {
        assertThat(CursorIdeConfig.defaultDataDir("Linux", "/home/u", null)).isEqualTo(Path.of("/home/u/.config/Cursor/User"));
        assertThat(CursorIdeConfig.defaultDataDir("Mac OS X", "/Users/u", null))
                .isEqualTo(Path.of("/Users/u/Library/Application Support/Cursor/User"));
        assertThat(CursorIdeConfig.defaultDataDir("Windows 11", "C:/Users/u", "C:/Users/u/AppData/Roaming"))
                .isEqualTo(Path.of("C:/Users/u/AppData/Roaming", "Cursor", "User"));
        assertThatThrownBy(() -> CursorIdeConfig.defaultDataDir("Windows 11", "x", null))
                .isInstanceOf(ConfigException.class).hasMessageContaining("cursor.data.dir");
    }

    @Test
    void badValuesAreRefused() {
        assertThatThrownBy(() -> new CursorIdeConfig(Map.of("cursor.sync.window.hours", "-1")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("cursor.sync.window.hours");
        assertThatThrownBy(() -> new CursorIdeConfig(Map.of("cursor.include.text", "maybe")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("cursor.include.text");
    }

    @Test
    void validateNamesAMissingDataFolderAndTheFix() {
        Config result = new CursorIdeSourceConnector().validate(Map.of("name", "c",
                "connector.class", CursorIdeSourceConnector.class.getName(),
                "cursor.data.dir", dir.resolve("nope").toString()));
        ConfigValue value = result.configValues().stream().filter(v -> v.name().equals("cursor.data.dir")).findFirst()
                .orElseThrow();
        assertThat(value.errorMessages()).singleElement().asString().contains("does not exist")
                .contains("set cursor.data.dir");
    }

    @Test
    void tasksSplitWorkspacesAndTheGlobalStreamBelongsToTaskZero() throws Exception {
        for (String hash : List.of("a", "b", "c", "d", "e")) {
            Files.createDirectories(dir.resolve("workspaceStorage").resolve(hash));
            Files.writeString(dir.resolve("workspaceStorage").resolve(hash).resolve("state.vscdb"), "");
        }
        CursorIdeSourceConnector connector = new CursorIdeSourceConnector();
        connector.start(Map.of("name", "c", "cursor.data.dir", dir.toString()));
        List<Map<String, String>> tasks = connector.taskConfigs(3);
        assertThat(tasks).hasSize(3);
        assertThat(tasks).extracting(t -> t.get("cursor.task.index")).containsExactly("0", "1", "2");
        assertThat(tasks).allSatisfy(t -> assertThat(t).containsEntry("cursor.task.count", "3")
                .containsEntry("source.id", "c"));
        assertThat(connector.taskConfigs(50)).as("never more tasks than databases").hasSize(5);
        assertThat(connector.exactlyOnceSupport(Map.of())).isEqualTo(ExactlyOnceSupport.SUPPORTED);

        Set<String> owned = new HashSet<>();
        for (Map<String, String> props : tasks) {
            TaskRunner runner = new TaskRunner(props);
            owned.addAll(runner.task().streamNames());
            runner.close();
        }
        assertThat(owned).containsExactlyInAnyOrder("cursor-ide:ws:a", "cursor-ide:ws:b", "cursor-ide:ws:c",
                "cursor-ide:ws:d", "cursor-ide:ws:e");
    }

    @Test
    void globsAndWorkspaceUris() {
        Glob glob = new Glob(List.of("/home/*/src/**", "c:/Users/*/Documents/*"));
        assertThat(glob.matches("/home/me/src/app/web")).isTrue();
        assertThat(glob.matches("/home/me/other")).isFalse();
        assertThat(glob.matches("c:\\Users\\ydebray\\Documents\\mobilechat")).isTrue();
        assertThat(glob.matches(null)).isFalse();
        assertThat(new Glob(List.of()).matches(null)).isTrue();
        assertThat(WorkspaceDiscovery.uriToPath("file:///c%3A/Users/ydebray/Documents/mobilechat"))
                .isEqualTo("c:/Users/ydebray/Documents/mobilechat");
        assertThat(WorkspaceDiscovery.uriToPath("file:///home/me/my%20app")).isEqualTo("/home/me/my app");
    }

    @Test
    void textIsCutOnCharacterBoundaries() {
        assertThat(EventFactory.cut("héllo wörld", 2)).as("é needs two bytes").isEqualTo("h");
        assertThat(EventFactory.cut("héllo wörld", 4)).isEqualTo("hél");
        assertThat(EventFactory.cut("short", 100)).isEqualTo("short");
        assertThat(EventFactory.firstLine("\n  first line\nsecond")).isEqualTo("first line");
    }
}
