package dev.episodic.connect.cursoride;

import dev.episodic.connect.common.config.EpisodicSourceConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;
import org.apache.kafka.common.config.ConfigException;

/** Configuration of the Cursor IDE connector: the shared keys plus where Cursor keeps its data and how to read it. */
public final class CursorIdeConfig extends EpisodicSourceConfig {
    public static final String GROUP_CURSOR = "Cursor IDE";

    public static final String DATA_DIR = "cursor.data.dir";
    public static final String WORKSPACES = "cursor.workspaces";
    public static final String SYNC_WINDOW_HOURS = "cursor.sync.window.hours";
    public static final String INCLUDE_TEXT = "cursor.include.text";
    public static final String MAX_TEXT_BYTES = "cursor.max.text.bytes";
    public static final String ACTIVE_WINDOW_MINUTES = "cursor.active.window.minutes";
    public static final String MAX_OPEN_DATABASES = "cursor.max.open.databases";
    public static final String QUERY_TIMEOUT_MS = "cursor.query.timeout.ms";
    /** Internal, set by the connector: this task's index and the number of tasks, for splitting workspaces. */
    public static final String TASK_INDEX = "cursor.task.index";
    public static final String TASK_COUNT = "cursor.task.count";

    public static final String DEFAULT_TOPIC = "episodic.cursor";

    public static final ConfigDef DEFINITION = define();

    public CursorIdeConfig(final Map<?, ?> props) {
        super(DEFINITION, props);
    }

    private static ConfigDef define() {
        int order = 0;
        return commonDefinition(DEFAULT_TOPIC, 5_000L, 500)
                .define(DATA_DIR, Type.STRING, "", new ConfigDef.NonNullValidator(), Importance.HIGH,
                        "Cursor's User folder, holding workspaceStorage/ and globalStorage/. Empty means the "
                                + "platform default: Linux ~/.config/Cursor/User, macOS ~/Library/Application "
                                + "Support/Cursor/User, Windows %APPDATA%\\Cursor\\User.",
                        GROUP_CURSOR, ++order, Width.LONG, "Cursor data folder")
                .define(WORKSPACES, Type.LIST, "", new ConfigDef.NonNullValidator(), Importance.MEDIUM,
                        "Globs over workspace folder paths (e.g. /home/me/src/**); a workspace is read when "
                                + "its folder matches any of them. '*' stays within one path segment, '**' "
                                + "crosses segments. Empty reads every workspace.",
                        GROUP_CURSOR, ++order, Width.LONG, "Workspaces")
                .define(SYNC_WINDOW_HOURS, Type.INT, 24, ConfigDef.Range.between(0, 1_000_000), Importance.MEDIUM,
                        "The first sync of a workspace takes only activity newer than this many hours; 0 takes "
                                + "all history.",
                        GROUP_CURSOR, ++order, Width.SHORT, "First-sync window (hours)")
                .define(INCLUDE_TEXT, Type.BOOLEAN, true, Importance.MEDIUM,
                        "Whether events carry prompt and message text (content and subject). When false only "
                                + "metadata is emitted.",
                        GROUP_CURSOR, ++order, Width.SHORT, "Include text")
                .define(MAX_TEXT_BYTES, Type.INT, 65_536, ConfigDef.Range.between(64, 16 * 1024 * 1024),
                        Importance.LOW, "Longest text (UTF-8 bytes) an event's content keeps; longer text is cut "
                                + "and the event gets attribute text_truncated=true.",
                        GROUP_CURSOR, ++order, Width.SHORT, "Max text bytes")
                .define(ACTIVE_WINDOW_MINUTES, Type.INT, 30, ConfigDef.Range.between(1, 100_000), Importance.LOW,
                        "A workspace whose database changed within this many minutes is checked every "
                                + "poll.interval.ms; others are checked once a minute.",
                        GROUP_CURSOR, ++order, Width.SHORT, "Active window (minutes)")
                .define(MAX_OPEN_DATABASES, Type.INT, 10, ConfigDef.Range.between(1, 1_000), Importance.LOW,
                        "Most SQLite databases a task keeps open; the least recently used one is closed first.",
                        GROUP_CURSOR, ++order, Width.SHORT, "Max open databases")
                .define(QUERY_TIMEOUT_MS, Type.INT, 1_500, ConfigDef.Range.between(10, 60_000), Importance.LOW,
                        "How long one read waits on a busy or locked database before the workspace backs off "
                                + "and is retried later, in milliseconds.",
                        GROUP_CURSOR, ++order, Width.SHORT, "Query timeout (ms)")
                .define(TASK_INDEX, Type.INT, 0, ConfigDef.Range.atLeast(0), Importance.LOW,
                        "Internal, set by the connector: this task's index among the tasks splitting the workspaces.",
                        GROUP_CURSOR, ++order, Width.SHORT, "Task index")
                .define(TASK_COUNT, Type.INT, 1, ConfigDef.Range.atLeast(1), Importance.LOW,
                        "Internal, set by the connector: how many tasks split the workspaces.",
                        GROUP_CURSOR, ++order, Width.SHORT, "Task count");
    }

    /** The configured data folder, or the platform's default. */
    public Path dataDir() {
        String configured = getString(DATA_DIR);
        if (!configured.isBlank()) {
            return Path.of(configured.trim());
        }
        return defaultDataDir(System.getProperty("os.name", ""), System.getProperty("user.home", ""),
                System.getenv("APPDATA"));
    }

    static Path defaultDataDir(final String osName, final String home, final String appData) {
        String os = osName.toLowerCase(Locale.ROOT);
        if (os.contains("win")) {
            if (appData == null || appData.isBlank()) {
                throw new ConfigException(DATA_DIR, "", "APPDATA is not set, so the default Cursor folder is "
                        + "unknown; set " + DATA_DIR);
            }
            return Path.of(appData, "Cursor", "User");
        }
        if (os.contains("mac") || os.contains("darwin")) {
            return Path.of(home, "Library", "Application Support", "Cursor", "User");
        }
        return Path.of(home, ".config", "Cursor", "User");
    }

    public List<String> workspaceGlobs() {
        return getList(WORKSPACES).stream().map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    /** The first-sync window, or {@link Duration#ZERO} for all history. */
    public Duration syncWindow() {
        return Duration.ofHours(getInt(SYNC_WINDOW_HOURS));
    }

    public boolean includeText() {
        return getBoolean(INCLUDE_TEXT);
    }

    public int maxTextBytes() {
        return getInt(MAX_TEXT_BYTES);
    }

    public Duration activeWindow() {
        return Duration.ofMinutes(getInt(ACTIVE_WINDOW_MINUTES));
    }

    public int maxOpenDatabases() {
        return getInt(MAX_OPEN_DATABASES);
    }

    public Duration queryTimeout() {
        return Duration.ofMillis(getInt(QUERY_TIMEOUT_MS));
    }

    public int taskIndex() {
        return getInt(TASK_INDEX);
    }

    public int taskCount() {
        return getInt(TASK_COUNT);
    }
}
