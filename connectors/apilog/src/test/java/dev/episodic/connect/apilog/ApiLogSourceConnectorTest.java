package dev.episodic.connect.apilog;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.ConfigValue;
import org.apache.kafka.connect.source.ExactlyOnceSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ApiLogSourceConnectorTest {
    @TempDir
    Path dir;

    private List<String> pathErrors(final String paths) {
        Map<String, String> props = new HashMap<>();
        props.put("name", "api");
        props.put("apilog.paths", paths);
        return new ApiLogSourceConnector().validate(props).configValues().stream()
                .filter(v -> v.name().equals(ApiLogConfig.PATHS)).findFirst().map(ConfigValue::errorMessages)
                .orElseThrow();
    }

    @Test
    void aGlobThatMatchesNothingYetIsValid() {
        assertThat(pathErrors(dir.resolve("*.log").toString())).isEmpty();
        assertThat(pathErrors(dir.resolve("not-yet.log").toString())).isEmpty();
    }

    @Test
    void aMissingOrUnreadableFolderIsAnErrorNamingTheFolder() throws Exception {
        Path missing = dir.resolve("missing");
        assertThat(pathErrors(missing.resolve("*.log").toString()))
                .singleElement().asString().contains("folder " + missing).contains("does not exist");
        Path locked = Files.createDirectory(dir.resolve("locked"));
        Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("---------"));
        try {
            boolean root = Files.isReadable(locked);
            List<String> errors = pathErrors(locked.resolve("access.log").toString());
            // root reads every folder; everyone else gets the error naming it.
            assertThat(errors).hasSize(root ? 0 : 1);
            errors.forEach(e -> assertThat(e).contains("folder " + locked).contains("cannot be read"));
        } finally {
            Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("rwx------"));
        }
        assertThat(pathErrors("relative/*.log")).singleElement().asString().contains("not an absolute path");
    }

    @Test
    void tasksSplitFilesAndNeverExceedTheirCount() throws Exception {
        for (int i = 0; i < 5; i++) {
            Files.writeString(dir.resolve(i + ".log"), "");
        }
        ApiLogSourceConnector connector = new ApiLogSourceConnector();
        connector.start(Map.of("name", "api", "apilog.paths", dir.resolve("*.log").toString()));
        List<Map<String, String>> tasks = connector.taskConfigs(3);
        assertThat(tasks).hasSize(3);
        assertThat(tasks).extracting(t -> t.get(ApiLogConfig.TASK_INDEX)).containsExactly("0", "1", "2");
        assertThat(tasks).allSatisfy(t -> assertThat(t).containsEntry(ApiLogConfig.TASK_COUNT, "3")
                .containsEntry("source.id", "api"));
        // Every file belongs to exactly one task.
        for (int i = 0; i < 5; i++) {
            String stream = LogStream.streamName(dir.resolve(i + ".log"));
            assertThat(tasks.stream().filter(t -> ApiLogSourceTask.ownedByThisTask(stream, new ApiLogConfig(t)))
                    .count()).isEqualTo(1);
        }
        assertThat(connector.taskConfigs(10)).hasSize(5);
        assertThat(connector.exactlyOnceSupport(Map.of())).isEqualTo(ExactlyOnceSupport.SUPPORTED);
    }
}
