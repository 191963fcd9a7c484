package dev.episodic.connect.apilog;

import dev.episodic.connect.common.config.ConfigValidators;
import dev.episodic.connect.common.config.EpisodicSourceConfig;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;
import org.apache.kafka.common.config.ConfigException;

/** Configuration of the API-log connector: the shared keys plus where the logs are and how to read them. */
public final class ApiLogConfig extends EpisodicSourceConfig {
    public static final String GROUP = "API log";

    public static final String PATHS = "apilog.paths";
    public static final String FORMAT = "apilog.format";
    public static final String JSON_FIELDS = "apilog.json.fields";
    public static final String START = "apilog.start";
    public static final String REDACT_PARAMS = "apilog.redact.params";
    public static final String MAX_LINE_BYTES = "apilog.max.line.bytes";
    /** Internal: which share of the matching files a task reads (set by the connector). */
    public static final String TASK_INDEX = "apilog.task.index";
    public static final String TASK_COUNT = "apilog.task.count";

    public static final String DEFAULT_TOPIC = "episodic.api";
    public static final String DEFAULT_REDACT = "token,access_token,api_key,key,password,secret,signature";
    public static final int DEFAULT_MAX_LINE_BYTES = 1 << 20;

    public static final ConfigDef DEFINITION = define();

    public ApiLogConfig(final Map<?, ?> props) {
        super(DEFINITION, props);
    }

    private static ConfigDef define() {
        int order = 0;
        return commonDefinition(DEFAULT_TOPIC, 500, 10_000)
                .define(PATHS, Type.LIST, ConfigDef.NO_DEFAULT_VALUE, pathsValidator(), Importance.HIGH,
                        "Absolute paths or globs of the live log files, comma-separated (e.g. /var/log/nginx/*.log). "
                                + "Each matching file is one stream; files that start to match later are picked up. "
                                + "Match only live files, not their rotated generations: those are found by identity.",
                        GROUP, ++order, Width.LONG, "Log paths")
                .define(FORMAT, Type.STRING, "auto", ConfigValidators.enumValue(LogFormat.class), Importance.HIGH,
                        "Line format: json (one JSON object per line), combined (Apache/nginx combined), common "
                                + "(Common Log Format), or auto (decided per file from its first lines).",
                        GROUP, ++order, Width.SHORT, "Format")
                .define(JSON_FIELDS, Type.STRING, "", fieldMappingValidator(), Importance.MEDIUM,
                        "Where the event's fields live in a JSON line, as target=path pairs, comma-separated; a path "
                                + "is dotted for nested objects and may list alternatives with '|', e.g. "
                                + "method=req.method,path=req.url,status=res.statusCode,latency_ms=responseTime. Targets: "
                                + FieldTarget.names() + ". Targets not given keep their defaults (common names "
                                + "such as method, path/url/uri, status, duration/latency/response_time, "
                                + "time/timestamp/ts, request_id, user, session).",
                        GROUP, ++order, Width.LONG, "JSON field mapping")
                .define(START, Type.STRING, "beginning", ConfigValidators.enumValue(StartPosition.class),
                        Importance.MEDIUM, "Where to start in a file that has no stored offset when the task "
                                + "starts: beginning, or end (only lines written from then on). Files that appear "
                                + "later, and new generations after a rotation, are always read from the beginning.",
                        GROUP, ++order, Width.SHORT, "Start position")
                .define(REDACT_PARAMS, Type.LIST, DEFAULT_REDACT, redactValidator(), Importance.MEDIUM,
                        "Query parameters (case-insensitive) whose values are replaced by REDACTED in the query "
                                + "attribute, the payload and the content of unparsed lines. Empty redacts nothing.",
                        GROUP, ++order, Width.LONG, "Redacted parameters")
                .define(MAX_LINE_BYTES, Type.INT, DEFAULT_MAX_LINE_BYTES, ConfigDef.Range.between(256, 64 << 20),
                        Importance.LOW, "Longest line kept, in bytes. A longer line is cut to this length and "
                                + "emitted as http_request_unparsed with reason line_too_long.",
                        GROUP, ++order, Width.SHORT, "Max line bytes")
                .define(TASK_INDEX, Type.INT, 0, ConfigDef.Range.atLeast(0), Importance.LOW,
                        "Internal, set by the connector: this task's index; a task reads the streams whose name "
                                + "hashes to it.", GROUP, ++order, Width.SHORT, "Task index")
                .define(TASK_COUNT, Type.INT, 1, ConfigDef.Range.atLeast(1), Importance.LOW,
                        "Internal, set by the connector: how many tasks share the matching files.",
                        GROUP, ++order, Width.SHORT, "Task count");
    }

    private static ConfigDef.Validator redactValidator() {
        return new ConfigDef.Validator() {
            @Override
            public void ensureValid(final String name, final Object value) {
                for (Object entry : (List<?>) value) {
                    String param = entry.toString();
                    if (param.indexOf('=') >= 0 || param.indexOf('&') >= 0) {
                        throw new ConfigException(name, value, "parameter name '" + param + "' cannot contain '=' "
                                + "or '&'; list bare names such as token,api_key");
                    }
                }
            }

            @Override
            public String toString() {
                return "comma-separated query parameter names";
            }
        };
    }

    private static ConfigDef.Validator pathsValidator() {
        ConfigDef.Validator nonEmpty = ConfigValidators.nonEmptyList();
        return new ConfigDef.Validator() {
            @Override
            public void ensureValid(final String name, final Object value) {
                nonEmpty.ensureValid(name, value);
                for (Object entry : (List<?>) value) {
                    String pattern = entry.toString();
                    if (pattern.isBlank()) {
                        continue;
                    }
                    try {
                        PathGlobs.entry(pattern);
                    } catch (IllegalArgumentException e) {
                        throw new ConfigException(name, value, e.getMessage());
                    }
                }
            }

            @Override
            public String toString() {
                return "non-empty list of absolute paths or globs";
            }
        };
    }

    private static ConfigDef.Validator fieldMappingValidator() {
        return new ConfigDef.Validator() {
            @Override
            public void ensureValid(final String name, final Object value) {
                JsonFieldMapping.parse(name, value == null ? "" : value.toString());
            }

            @Override
            public String toString() {
                return "target=path[|path...] pairs, comma-separated; targets " + FieldTarget.names();
            }
        };
    }

    public List<String> paths() {
        return getList(PATHS).stream().map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    public LogFormat format() {
        return ConfigValidators.parseEnum(LogFormat.class, FORMAT, getString(FORMAT));
    }

    public JsonFieldMapping jsonFields() {
        return JsonFieldMapping.parse(JSON_FIELDS, getString(JSON_FIELDS));
    }

    public StartPosition start() {
        return ConfigValidators.parseEnum(StartPosition.class, START, getString(START));
    }

    public Set<String> redactParams() {
        Set<String> names = new TreeSet<>();
        for (String name : getList(REDACT_PARAMS)) {
            String trimmed = name.trim();
            if (!trimmed.isEmpty()) {
                names.add(trimmed);
            }
        }
        return names;
    }

    public int maxLineBytes() {
        return getInt(MAX_LINE_BYTES);
    }

    public int taskIndex() {
        return getInt(TASK_INDEX);
    }

    public int taskCount() {
        return getInt(TASK_COUNT);
    }
}
