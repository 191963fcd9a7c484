package dev.episodic.connect.github;

import dev.episodic.connect.common.connector.EpisodicSourceConnector;
import dev.episodic.connect.common.connector.PeriodicRefresh;
import dev.episodic.connect.common.cursor.CursorCodec;
import dev.episodic.connect.common.task.RetryLaterException;
import dev.episodic.connect.github.client.GitHubApiException;
import dev.episodic.connect.github.client.GitHubClient;
import dev.episodic.connect.common.task.RateLimitedException;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.common.config.Config;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigValue;
import org.apache.kafka.connect.connector.Task;
import org.apache.kafka.connect.errors.ConnectException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The GitHub source connector: resolves {@code github.repositories} (re-resolving {@code owner/*} entries every
 * {@code github.repositories.refresh.ms} and reconfiguring the tasks when the set changes) and splits the
 * repositories across tasks.
 */
public final class GitHubSourceConnector extends EpisodicSourceConnector {
    private static final Logger LOG = LoggerFactory.getLogger(GitHubSourceConnector.class);

    private Map<String, String> props;
    private GitHubConfig config;
    private volatile List<String> repositories = List.of();
    private PeriodicRefresh refresher;

    @Override
    public void start(final Map<String, String> props) {
        this.props = props;
        this.config = new GitHubConfig(props);
        this.repositories = resolveOrExplicit();
        if (config.repositories().stream().anyMatch(RepoName::wildcard)) {
            refresher = PeriodicRefresh.every("github-repositories-refresh", config.repositoriesRefresh(), this::refresh);
        }
    }

    private List<String> resolveOrExplicit() {
        try {
            return new RepositoryResolver(config.newClient(Clock.systemUTC()), config.pageSize())
                    .resolve(config.repositories());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ConnectException("Interrupted while resolving " + GitHubConfig.REPOSITORIES, e);
        } catch (RetryLaterException | GitHubApiException e) {
            if (e instanceof GitHubApiException && ((GitHubApiException) e).isUnauthorized()) {
                throw e;
            }
            // Keep what is explicit; owner/* entries are tried again at the next refresh.
            LOG.warn("Cannot resolve the owner/* entries of {} now ({}); reading the explicit repositories and "
                    + "trying again in {} ms", GitHubConfig.REPOSITORIES, e.getMessage(),
                    config.repositoriesRefresh().toMillis());
            return config.repositories().stream().filter(r -> !r.wildcard()).map(RepoName::fullName).sorted().toList();
        }
    }

    /** Resolves again and asks for new task configs when the set of repositories changed. */
    void refresh() {
        try {
            List<String> now = new RepositoryResolver(config.newClient(Clock.systemUTC()), config.pageSize())
                    .resolve(config.repositories());
            if (!now.equals(repositories)) {
                LOG.info("GitHub repositories changed from {} to {}; reconfiguring tasks", repositories.size(), now.size());
                repositories = now;
                context.requestTaskReconfiguration();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.warn("Cannot refresh {} ({}); keeping the current {} repositories", GitHubConfig.REPOSITORIES,
                    e.getMessage(), repositories.size());
        }
    }

    /** The concrete repositories the tasks read now. */
    List<String> repositories() {
        return repositories;
    }

    @Override
    public Class<? extends Task> taskClass() {
        return GitHubSourceTask.class;
    }

    @Override
    public List<Map<String, String>> taskConfigs(final int maxTasks) {
        return splitAcrossTasks(props, config.sourceId(), repositories, maxTasks, GitHubConfig.TASK_REPOSITORIES);
    }

    @Override
    public Config validate(final Map<String, String> connectorConfigs) {
        Config result = super.validate(connectorConfigs);
        Map<String, ConfigValue> values = new HashMap<>();
        result.configValues().forEach(v -> values.put(v.name(), v));
        boolean fieldsValid = result.configValues().stream().allMatch(v -> v.errorMessages().isEmpty());
        if (fieldsValid) {
            new Reachability(new GitHubConfig(connectorConfigs), values).check();
        }
        return result;
    }

    @Override
    public void stop() {
        if (refresher != null) {
            refresher.close();
            refresher = null;
        }
        props = null;
    }

    @Override
    public ConfigDef config() {
        return GitHubConfig.DEFINITION;
    }

    @Override
    protected CursorCodec<?> cursorCodec() {
        return GitHubCursor.CODEC;
    }

    /** Checks the token, the URL and each listed repository, adding errors that name the cause and the fix. */
    private static final class Reachability {
        private final GitHubConfig config;
        private final Map<String, ConfigValue> values;

        Reachability(final GitHubConfig config, final Map<String, ConfigValue> values) {
            this.config = config;
            this.values = values;
        }

        void check() {
            GitHubClient client = new GitHubClient(config.apiUrl(), config.token(), 0, config.requestTimeout(),
                    Clock.systemUTC());
            for (RepoName repo : config.repositories()) {
                Optional<String> problem = probe(client, repo);
                if (problem.isEmpty()) {
                    continue;
                }
                if (problem.get().startsWith("token:")) {
                    values.get(GitHubConfig.TOKEN).addErrorMessage(problem.get().substring(6));
                    return;
                }
                if (problem.get().startsWith("url:")) {
                    values.get(GitHubConfig.API_URL).addErrorMessage(problem.get().substring(4));
                    return;
                }
                values.get(GitHubConfig.REPOSITORIES).addErrorMessage(problem.get());
            }
        }

        private Optional<String> probe(final GitHubClient client, final RepoName repo) {
            try {
                if (repo.wildcard()) {
                    new RepositoryResolver(client, 1).listOwner(repo.owner());
                } else {
                    client.get("/repos/" + repo.fullName(), null);
                }
                return Optional.empty();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Optional.of("url:validation was interrupted");
            } catch (GitHubApiException e) {
                if (e.isUnauthorized()) {
                    return Optional.of("token:GitHub rejected the token (401); set " + GitHubConfig.TOKEN
                            + " to a valid, unexpired token");
                }
                if (e.isNotFound() || e.isForbidden()) {
                    return Optional.of("Repository " + repo + " is not readable with this token (" + e.status()
                            + "): it does not exist, was deleted, or the token lacks access; fix the name in "
                            + GitHubConfig.REPOSITORIES + " or grant the token read access");
                }
                return Optional.of("Repository " + repo + ": " + e.getMessage());
            } catch (RateLimitedException e) {
                // Rate limited now: the token and repository may well be fine; do not block the deployment.
                return Optional.empty();
            } catch (RetryLaterException e) {
                return Optional.of("url:GitHub API " + config.apiUrl() + " is unreachable or failing ("
                        + e.getMessage() + "); fix " + GitHubConfig.API_URL + " (e.g. " + GitHubClient.DEFAULT_API_URL
                        + " or https://HOST/api/v3) or the network");
            }
        }
    }
}
