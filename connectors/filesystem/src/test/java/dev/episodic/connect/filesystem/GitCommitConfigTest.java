package dev.episodic.connect.filesystem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.episodic.connect.common.testkit.ConfigDefAssertions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.ConfigValue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GitCommitConfigTest {
    @TempDir
    Path dir;

    @Test
    void everyKeyIsDocumented() {
        ConfigDefAssertions.assertFullyDocumented(GitCommitConfig.DEFINITION);
    }

    @Test
    void defaultsAndSourceIdFallback() {
        GitCommitConfig config = new GitCommitConfig(Map.of("git.repositories", "/a", "name", "my-git"));
        assertThat(config.topic()).isEqualTo("episodic.git");
        assertThat(config.sourceId()).isEqualTo("my-git");
        assertThat(config.branches()).containsExactly("*");
        assertThat(config.pollInterval().toMillis()).isEqualTo(10_000);
        assertThat(config.batchMaxEvents()).isEqualTo(1_000);
        assertThat(config.getInt(GitCommitConfig.PATCH_MAX_BYTES)).isEqualTo(65_536);
        assertThat(config.since()).isEmpty();
    }

    @Test
    void badValuesAreRefused() {
        assertThatThrownBy(() -> new GitCommitConfig(Map.of("git.repositories", "/a", "git.since", "yesterday")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("ISO-8601");
        assertThatThrownBy(() -> new GitCommitConfig(Map.of("git.repositories", " ")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("at least one");
        assertThatThrownBy(() -> new GitCommitConfig(Map.of())).isInstanceOf(ConfigException.class)
                .hasMessageContaining("git.repositories");
    }

    @Test
    void validateNamesMissingAndNonGitPaths() throws Exception {
        Path plain = Files.createDirectories(dir.resolve("plain"));
        Path missing = dir.resolve("missing");
        List<ConfigValue> values = new GitCommitSourceConnector().validate(Map.of(
                "git.repositories", plain + "," + missing)).configValues();
        ConfigValue repos = values.stream().filter(v -> v.name().equals("git.repositories")).findFirst().orElseThrow();
        assertThat(repos.errorMessages()).anySatisfy(m -> assertThat(m).contains(plain.toString()).contains("not a git repository"));
        assertThat(repos.errorMessages()).anySatisfy(m -> assertThat(m).contains(missing.toString()).contains("does not exist"));
    }

    @Test
    void streamNamesAreUniqueAndStable() {
        Map<String, Path> streams = GitStreamNames.assign(List.of("/x/app", "/y/app", "/z/lib.git", "/x/app/"));
        assertThat(streams).hasSize(3);
        assertThat(streams.keySet()).contains("git:lib").allMatch(s -> s.startsWith("git:"));
        assertThat(streams.keySet().stream().filter(s -> s.startsWith("git:app@"))).hasSize(2);
        assertThat(GitStreamNames.assign(List.of("/y/app", "/x/app"))).isEqualTo(new java.util.LinkedHashMap<>(
                Map.of(streams.entrySet().stream().filter(e -> e.getValue().equals(Path.of("/y/app"))).findFirst().orElseThrow().getKey(), Path.of("/y/app"),
                        streams.entrySet().stream().filter(e -> e.getValue().equals(Path.of("/x/app"))).findFirst().orElseThrow().getKey(), Path.of("/x/app"))));
    }

    @Test
    void cursorRoundTripsAndRefusesBadShas() {
        TreeMap<String, String> tips = new TreeMap<>(Map.of("main", "a".repeat(40), "release/1.0", "b".repeat(40)));
        GitRepositoryCursor settled = new GitRepositoryCursor(12, tips, Optional.empty());
        assertThat(GitRepositoryCursor.CODEC.decode(settled.toOffset())).isEqualTo(settled);
        GitRepositoryCursor pending = new GitRepositoryCursor(13, tips, Optional.of(
                new GitRepositoryCursor.PendingSync(new TreeMap<>(Map.of("main", "c".repeat(40))), 1, 250)));
        assertThat(GitRepositoryCursor.CODEC.decode(pending.toOffset())).isEqualTo(pending);
        assertThat(pending.toOffset().values()).allMatch(v -> v instanceof String || v instanceof Number || v instanceof Boolean);
        Map<String, Object> bad = new java.util.HashMap<>(settled.toOffset());
        bad.put("tip.main", "HEAD");
        assertThatThrownBy(() -> GitRepositoryCursor.CODEC.decode(bad)).hasMessageContaining("tip.main");
    }
}
