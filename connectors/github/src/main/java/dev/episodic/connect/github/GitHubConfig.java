package dev.episodic.connect.github;

import dev.episodic.connect.common.config.ConfigValidators;
import dev.episodic.connect.common.config.EpisodicSourceConfig;
import dev.episodic.connect.common.metrics.TaskMetrics;
import dev.episodic.connect.github.client.GitHubClient;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;
import org.apache.kafka.common.config.ConfigException;

/** Configuration of the GitHub connector: the shared keys plus {@code github.*}. */
public final class GitHubConfig extends EpisodicSourceConfig {
    public static final String REPOSITORIES = "github.repositories";
    public static final String REPOSITORIES_REFRESH_MS = "github.repositories.refresh.ms";
    public static final String RESOURCES = "github.resources";
    public static final String TOKEN = "github.token";
    public static final String API_URL = "github.api.url";
    public static final String BRANCHES = "github.branches";
    public static final String SINCE = "github.since";
    public static final String RATE_LIMIT_RESERVE = "github.rate.limit.reserve";
    public static final String PAGE_SIZE = "github.page.size";
    public static final String REQUEST_TIMEOUT_MS = "github.request.timeout.ms";
    /** Internal: the concrete repositories ({@code owner/name}) one task reads, as a JSON list. */
    public static final String TASK_REPOSITORIES = "github.task.repositories";

    private static final String GROUP = "GitHub";

    public static final ConfigDef DEFINITION = define();

    public GitHubConfig(final Map<?, ?> props) {
        super(DEFINITION, props);
    }

    private static ConfigDef define() {
        int order = 0;
        return commonDefinition("episodic.github", 60_000L, 500)
                .define(REPOSITORIES, Type.LIST, ConfigDef.NO_DEFAULT_VALUE, repositoriesValidator(), Importance.HIGH,
                        "Repositories to read, comma-separated: owner/name, or owner/* for every repository of that "
                                + "user or organisation the token can read (re-resolved every "
                                + REPOSITORIES_REFRESH_MS + "; new repositories become new streams).",
                        GROUP, ++order, Width.LONG, "Repositories")
                .define(REPOSITORIES_REFRESH_MS, Type.LONG, 3_600_000L, ConfigDef.Range.between(10_000L, 604_800_000L),
                        Importance.LOW, "How often owner/* entries are resolved again, in milliseconds.",
                        GROUP, ++order, Width.SHORT, "Repository refresh (ms)")
                .define(RESOURCES, Type.LIST, String.join(",", ConfigValidators.enumNames(Resource.class)),
                        resourcesValidator(), Importance.HIGH,
                        "What to read of each repository; each repository + resource is one stream. Any of "
                                + ConfigValidators.enumNames(Resource.class) + ".",
                        GROUP, ++order, Width.LONG, "Resources")
                .define(TOKEN, Type.PASSWORD, ConfigDef.NO_DEFAULT_VALUE, new ConfigDef.NonNullValidator(),
                        Importance.HIGH, "GitHub token (fine-grained with read access to contents, issues, pull "
                                + "requests and metadata; or classic with repo, or public_repo for public "
                                + "repositories). Sent only to " + API_URL + ", never logged.",
                        GROUP, ++order, Width.MEDIUM, "Token")
                .define(API_URL, Type.STRING, GitHubClient.DEFAULT_API_URL, urlValidator(), Importance.MEDIUM,
                        "GitHub REST API base URL; for GitHub Enterprise Server use https://HOST/api/v3.",
                        GROUP, ++order, Width.LONG, "API URL")
                .define(BRANCHES, Type.LIST, "", Importance.MEDIUM,
                        "Branches whose commits are read (one commits stream per branch); empty means each "
                                + "repository's default branch.",
                        GROUP, ++order, Width.MEDIUM, "Branches")
                .define(SINCE, Type.STRING, "", ConfigValidators.isoInstant(), Importance.MEDIUM,
                        "ISO-8601 date or date-time: nothing older is backfilled. Empty backfills all history.",
                        GROUP, ++order, Width.MEDIUM, "Since")
                .define(RATE_LIMIT_RESERVE, Type.LONG, 500L, ConfigDef.Range.atLeast(0), Importance.MEDIUM,
                        "Requests per hour of the token's quota left for its other clients: tasks pause until the "
                                + "quota window resets once GitHub reports this many or fewer remaining.",
                        GROUP, ++order, Width.SHORT, "Rate limit reserve")
                .define(PAGE_SIZE, Type.INT, 100, ConfigDef.Range.between(1, 100), Importance.LOW,
                        "Items per page requested from GitHub (per_page); 100, the maximum, spends the least quota.",
                        GROUP, ++order, Width.SHORT, "Page size")
                .define(REQUEST_TIMEOUT_MS, Type.INT, 30_000, ConfigDef.Range.between(1_000, 300_000),
                        Importance.LOW, "Connect and read timeout of one request to GitHub, in milliseconds.",
                        GROUP, ++order, Width.SHORT, "Request timeout (ms)")
                .define(TASK_REPOSITORIES, Type.STRING, "", Importance.LOW,
                        "Internal, set by the connector: the repositories one task reads, as a JSON list.",
                        GROUP, ++order, Width.LONG, "Task repositories");
    }

    private static ConfigDef.Validator repositoriesValidator() {
        return new ConfigDef.Validator() {
            @Override
            public void ensureValid(final String name, final Object value) {
                ConfigValidators.nonEmptyList().ensureValid(name, value);
                @SuppressWarnings("unchecked")
                List<String> list = (List<String>) value;
                list.stream().filter(s -> !s.isBlank()).forEach(s -> RepoName.parse(name, s));
            }

            @Override
            public String toString() {
                return "owner/name or owner/*, comma-separated";
            }
        };
    }

    private static ConfigDef.Validator resourcesValidator() {
        return new ConfigDef.Validator() {
            @Override
            public void ensureValid(final String name, final Object value) {
                ConfigValidators.nonEmptyList().ensureValid(name, value);
                @SuppressWarnings("unchecked")
                List<String> list = (List<String>) value;
                list.stream().filter(s -> !s.isBlank()).forEach(s -> ConfigValidators.parseEnum(Resource.class, name, s.trim()));
            }

            @Override
            public String toString() {
                return ConfigValidators.enumNames(Resource.class).toString();
            }
        };
    }

    private static ConfigDef.Validator urlValidator() {
        return new ConfigDef.Validator() {
            @Override
            public void ensureValid(final String name, final Object value) {
                String v = value == null ? "" : value.toString();
                try {
                    URI uri = URI.create(v);
                    if (!("https".equals(uri.getScheme()) || "http".equals(uri.getScheme())) || uri.getHost() == null
                            || uri.getRawQuery() != null) {
                        throw new IllegalArgumentException("not an http(s) URL");
                    }
                } catch (IllegalArgumentException e) {
                    throw new ConfigException(name, v, "must be an http(s) URL such as " + GitHubClient.DEFAULT_API_URL
                            + " or https://HOST/api/v3");
                }
            }

            @Override
            public String toString() {
                return "http(s) URL";
            }
        };
    }

    public List<RepoName> repositories() {
        List<RepoName> result = new ArrayList<>();
        for (String s : getList(REPOSITORIES)) {
            if (!s.isBlank()) {
                RepoName repo = RepoName.parse(REPOSITORIES, s);
                if (!result.contains(repo)) {
                    result.add(repo);
                }
            }
        }
        return result;
    }

    public Set<Resource> resources() {
        Set<Resource> result = EnumSet.noneOf(Resource.class);
        for (String s : getList(RESOURCES)) {
            if (!s.isBlank()) {
                result.add(ConfigValidators.parseEnum(Resource.class, RESOURCES, s.trim()));
            }
        }
        return result;
    }

    public String token() {
        return getPassword(TOKEN).value();
    }

    public String apiUrl() {
        return getString(API_URL).trim();
    }

    public List<String> branches() {
        return getList(BRANCHES).stream().map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    public Optional<Instant> since() {
        return ConfigValidators.parseInstant(SINCE, getString(SINCE));
    }

    public long rateLimitReserve() {
        return getLong(RATE_LIMIT_RESERVE);
    }

    public int pageSize() {
        return getInt(PAGE_SIZE);
    }

    public Duration requestTimeout() {
        return Duration.ofMillis(getInt(REQUEST_TIMEOUT_MS));
    }

    public Duration repositoriesRefresh() {
        return Duration.ofMillis(getLong(REPOSITORIES_REFRESH_MS));
    }

    public GitHubClient newClient(final java.time.Clock clock) {
        return new GitHubClient(apiUrl(), token(), rateLimitReserve(), requestTimeout(), clock);
    }

    /** A client whose requests, 304s and rate-limit waits are counted in the task's metrics. */
    public GitHubClient newClient(final java.time.Clock clock, final TaskMetrics metrics) {
        return new GitHubClient(apiUrl(), token(), rateLimitReserve(), requestTimeout(), clock, metrics);
    }
}
