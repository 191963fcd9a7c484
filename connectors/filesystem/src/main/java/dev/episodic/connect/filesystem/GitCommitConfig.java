package dev.episodic.connect.filesystem;

import dev.episodic.connect.common.config.ConfigValidators;
import dev.episodic.connect.common.config.EpisodicSourceConfig;
import dev.episodic.connect.filesystem.git.PathFilter;
import dev.episodic.connect.filesystem.git.WalkOptions;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;

/** Configuration of {@link GitCommitSourceConnector}. */
public final class GitCommitConfig extends EpisodicSourceConfig {
    private static final String GROUP = "Git";

    public static final String REPOSITORIES = "git.repositories";
    public static final String BRANCHES = "git.branches";
    public static final String SINCE = "git.since";
    public static final String PATHS_INCLUDE = "git.paths.include";
    public static final String PATHS_EXCLUDE = "git.paths.exclude";
    public static final String DETECT_RENAMES = "git.detect.renames";
    public static final String INCLUDE_PATCH = "git.include.patch";
    public static final String PATCH_MAX_BYTES = "git.patch.max.bytes";
    /** Set by the connector for each task: its share of the repositories as a JSON list of [stream, path] pairs. */
    static final String TASK_REPOSITORIES = "git.task.repositories";

    public static final ConfigDef DEFINITION = define();

    public GitCommitConfig(final Map<?, ?> props) {
        super(DEFINITION, props);
    }

    private static ConfigDef define() {
        int order = 0;
        return commonDefinition("episodic.git", 10_000, 1_000)
                .define(REPOSITORIES, Type.LIST, ConfigDef.NO_DEFAULT_VALUE, ConfigValidators.nonEmptyList(),
                        Importance.HIGH, "Local git repositories to read, comma-separated paths (working trees or bare "
                                + "repositories). Each repository is one stream named git:<folder name>; tasks.max "
                                + "splits repositories across tasks.",
                        GROUP, ++order, Width.LONG, "Repositories")
                .define(BRANCHES, Type.LIST, "*", Importance.MEDIUM,
                        "Local branches to follow, comma-separated names or globs (* matches any characters, "
                                + "slashes included). Default * = every local branch.",
                        GROUP, ++order, Width.MEDIUM, "Branches")
                .define(SINCE, Type.STRING, "", ConfigValidators.isoInstant(), Importance.MEDIUM,
                        "ISO-8601 date or date-time: commits older than this (by committer time) are not backfilled. "
                                + "Empty = the whole history.",
                        GROUP, ++order, Width.SHORT, "Since")
                .define(PATHS_INCLUDE, Type.LIST, "", Importance.LOW,
                        "Path globs: only commits touching a matching path count, and their file lists are reduced to "
                                + "matching paths. Empty = every path.",
                        GROUP, ++order, Width.LONG, "Paths included")
                .define(PATHS_EXCLUDE, Type.LIST, "", Importance.LOW,
                        "Path globs left out of file lists; a commit touching only excluded paths is skipped. "
                                + "Exclusion wins over inclusion.",
                        GROUP, ++order, Width.LONG, "Paths excluded")
                .define(DETECT_RENAMES, Type.BOOLEAN, false, Importance.LOW,
                        "Detect renames like git log -M: a renamed file is one change with old_path instead of a "
                                + "delete and an add.",
                        GROUP, ++order, Width.SHORT, "Detect renames")
                .define(INCLUDE_PATCH, Type.BOOLEAN, false, Importance.LOW,
                        "Put the commit's unified diff into the payload (against the first parent).",
                        GROUP, ++order, Width.SHORT, "Include patch")
                .define(PATCH_MAX_BYTES, Type.INT, 65_536, ConfigDef.Range.between(1, 16 * 1024 * 1024), Importance.LOW,
                        "Largest patch kept per commit, in bytes; a longer patch is cut and flagged patch_truncated.",
                        GROUP, ++order, Width.SHORT, "Patch limit (bytes)")
                .define(TASK_REPOSITORIES, Type.STRING, "", Importance.LOW,
                        "Internal, set by the connector: the repositories of one task.",
                        GROUP, ++order, Width.LONG, "Task repositories");
    }

    public List<String> repositories() {
        return getList(REPOSITORIES).stream().map(String::trim).filter(s -> !s.isEmpty()).collect(Collectors.toList());
    }

    public List<String> branches() {
        List<String> branches = getList(BRANCHES).stream().map(String::trim).filter(s -> !s.isEmpty())
                .collect(Collectors.toList());
        return branches.isEmpty() ? List.of("*") : branches;
    }

    public Optional<Instant> since() {
        return ConfigValidators.parseInstant(SINCE, getString(SINCE));
    }

    public WalkOptions walkOptions() {
        WalkOptions options = WalkOptions.defaults()
                .withRenames(getBoolean(DETECT_RENAMES))
                .withPaths(PathFilter.of(trimmed(PATHS_INCLUDE), trimmed(PATHS_EXCLUDE)));
        if (since().isPresent()) {
            options = options.withSince(since().get());
        }
        if (getBoolean(INCLUDE_PATCH)) {
            options = options.withPatchLimitBytes(getInt(PATCH_MAX_BYTES));
        }
        return options;
    }

    private List<String> trimmed(final String key) {
        return getList(key).stream().map(String::trim).filter(s -> !s.isEmpty()).collect(Collectors.toList());
    }
}
