package dev.episodic.connect.filesystem;

import dev.episodic.connect.common.config.ConfigValidators;
import dev.episodic.connect.common.config.EpisodicSourceConfig;
import dev.episodic.connect.filesystem.files.FileAccess;
import dev.episodic.connect.filesystem.files.FileGlob;
import dev.episodic.connect.filesystem.files.PathRules;
import dev.episodic.connect.filesystem.files.ScanOptions;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;
import org.apache.kafka.common.config.ConfigException;

/** Configuration of {@link FileChangeSourceConnector}. */
public final class FileChangeConfig extends EpisodicSourceConfig {
    private static final String GROUP = "Files";

    public static final String ROOTS = "fs.roots";
    public static final String INCLUDE = "fs.include";
    public static final String EXCLUDE = "fs.exclude";
    public static final String SCAN_INTERVAL_MS = "fs.scan.interval.ms";
    public static final String FOLLOW_SYMLINKS = "fs.follow.symlinks";
    public static final String HASH = "fs.hash";
    public static final String CONTENT_MAX_BYTES = "fs.content.max.bytes";
    public static final String INITIAL_SCAN = "fs.initial.scan";
    /** Set by the connector for each task: the streams of its roots, as a JSON list. */
    static final String TASK_ROOTS = "fs.task.roots";

    public static final String DEFAULT_EXCLUDE = ".git/**,**/node_modules/**,**/target/**,**/.episodic/**";

    public static final ConfigDef DEFINITION = define();

    public FileChangeConfig(final Map<?, ?> props) {
        super(DEFINITION, props);
    }

    private static ConfigDef define() {
        int order = 0;
        return commonDefinition("episodic.files", 1_000, 500)
                .define(ROOTS, Type.LIST, ConfigDef.NO_DEFAULT_VALUE, ConfigValidators.nonEmptyList(), Importance.HIGH,
                        "Folders to watch, comma-separated paths. Each root is one stream named files:<folder name>; "
                                + "tasks.max splits roots across tasks.",
                        GROUP, ++order, Width.LONG, "Roots")
                .define(INCLUDE, Type.LIST, "**", globs(), Importance.MEDIUM,
                        "Path globs relative to the root: only matching files are reported. * and ? stay inside one "
                                + "folder name, ** spans folders. Default ** = every file.",
                        GROUP, ++order, Width.LONG, "Included paths")
                .define(EXCLUDE, Type.LIST, DEFAULT_EXCLUDE, globs(), Importance.MEDIUM,
                        "Path globs relative to the root that are never reported; exclusion wins over inclusion, and "
                                + "folders a glob ending in /** covers are not walked at all.",
                        GROUP, ++order, Width.LONG, "Excluded paths")
                .define(SCAN_INTERVAL_MS, Type.LONG, 30_000L, ConfigDef.Range.between(100, 86_400_000), Importance.MEDIUM,
                        "Time from the end of one scan of a root to the start of the next, in milliseconds.",
                        GROUP, ++order, Width.SHORT, "Scan interval (ms)")
                .define(FOLLOW_SYMLINKS, Type.BOOLEAN, false, Importance.LOW,
                        "Follow symbolic links to files and folders (loops are detected and skipped). When false, "
                                + "symlinks are ignored.",
                        GROUP, ++order, Width.SHORT, "Follow symlinks")
                .define(HASH, Type.BOOLEAN, true, Importance.MEDIUM,
                        "Hash file contents (SHA-256): a file whose mtime or size moved is reported only if its content "
                                + "changed, events carry sha256, and a delete plus an add of the same content is one "
                                + "file_renamed. When false, any mtime or size change is a file_modified.",
                        GROUP, ++order, Width.SHORT, "Hash contents")
                .define(CONTENT_MAX_BYTES, Type.INT, 0, ConfigDef.Range.between(0, 16 * 1024 * 1024), Importance.LOW,
                        "Above 0: the text of added, modified and renamed files up to this many bytes goes into the "
                                + "event's content (files that are larger or not UTF-8 text get none). 0 = no content.",
                        GROUP, ++order, Width.SHORT, "Content limit (bytes)")
                .define(INITIAL_SCAN, Type.BOOLEAN, true, Importance.MEDIUM,
                        "Whether the first scan of a root reports every existing file as file_added. When false, the "
                                + "first scan only records what is there and later scans report changes.",
                        GROUP, ++order, Width.SHORT, "Report existing files")
                .define(TASK_ROOTS, Type.STRING, "", Importance.LOW,
                        "Internal, set by the connector: the root streams of one task.",
                        GROUP, ++order, Width.LONG, "Task roots");
    }

    private static ConfigDef.Validator globs() {
        return new ConfigDef.Validator() {
            @Override
            public void ensureValid(final String name, final Object value) {
                @SuppressWarnings("unchecked")
                List<String> list = (List<String>) value;
                if (list == null) {
                    return;
                }
                for (String glob : list) {
                    try {
                        FileGlob.of(glob);
                    } catch (IllegalArgumentException e) {
                        throw new ConfigException(name, value, e.getMessage());
                    }
                }
            }

            @Override
            public String toString() {
                return "comma-separated globs relative to the root, e.g. src/**/*.java, **/target/**";
            }
        };
    }

    public List<String> roots() {
        return trimmed(ROOTS);
    }

    public ScanOptions scanOptions(final FileAccess access) {
        return new ScanOptions(PathRules.of(trimmed(INCLUDE), trimmed(EXCLUDE)), getBoolean(FOLLOW_SYMLINKS),
                getBoolean(HASH), getInt(CONTENT_MAX_BYTES), getBoolean(INITIAL_SCAN), getLong(SCAN_INTERVAL_MS), access);
    }

    private List<String> trimmed(final String key) {
        return getList(key).stream().map(String::trim).filter(s -> !s.isEmpty()).collect(Collectors.toList());
    }
}
