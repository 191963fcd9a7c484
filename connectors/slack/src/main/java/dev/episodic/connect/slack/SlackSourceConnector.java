package dev.episodic.connect.slack;

import dev.episodic.connect.common.connector.EpisodicSourceConnector;
import dev.episodic.connect.common.connector.PeriodicRefresh;
import dev.episodic.connect.common.cursor.CursorCodec;
import dev.episodic.connect.common.task.RetryLaterException;
import dev.episodic.connect.slack.client.RequestBudget;
import dev.episodic.connect.slack.client.SlackWebClient;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.common.config.Config;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.ConfigValue;
import org.apache.kafka.connect.connector.Task;
import org.apache.kafka.connect.errors.ConnectException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Slack source connector: one stream per channel, channels split across {@code tasks.max}. With
 * {@code slack.channels} empty it follows the channels the token is a member of, listing them again every
 * {@code slack.channels.refresh.ms} and reassigning tasks when the set changes.
 */
public final class SlackSourceConnector extends EpisodicSourceConnector {
    private static final Logger LOG = LoggerFactory.getLogger(SlackSourceConnector.class);

    private Map<String, String> props;
    private SlackConfig config;
    private volatile List<Channel> channels;
    private PeriodicRefresh refresher;

    @Override
    public void start(final Map<String, String> props) {
        this.props = props;
        this.config = new SlackConfig(props);
        this.channels = resolve(config);
        if (config.channels().isEmpty()) {
            refresher = PeriodicRefresh.every("slack-channel-refresh", config.channelsRefresh(), this::refresh);
        }
    }

    /** Lists the member channels again; asks Connect to reassign tasks when the set changed. */
    void refresh() {
        try {
            List<Channel> now = resolve(config);
            if (!now.equals(channels)) {
                LOG.info("Slack member channels changed ({} -> {}); reassigning tasks", channels.size(), now.size());
                channels = now;
                context.requestTaskReconfiguration();
            }
        } catch (RuntimeException e) {
            LOG.warn("Listing the Slack member channels failed; keeping the current {}: {}", channels.size(),
                    e.getMessage());
        }
    }

    private static List<Channel> resolve(final SlackConfig config) {
        try {
            return new ChannelResolver(client(config), config.channelTypes()).resolve(config.channels());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ConnectException("Interrupted while listing Slack channels", e);
        } catch (RetryLaterException e) {
            throw new ConnectException("Slack could not list the channels now (" + e.getMessage() + "); the "
                    + "connector fails and can be restarted once Slack answers", e);
        }
    }

    private static SlackWebClient client(final SlackConfig config) {
        return new SlackWebClient(config.apiUrl(), config.token(),
                new RequestBudget(Math.max(config.requestsPerMinute(), 20), Clock.systemUTC()), SlackSourceTask.HTTP_TIMEOUT);
    }

    @Override
    public Class<? extends Task> taskClass() {
        return SlackSourceTask.class;
    }

    @Override
    public List<Map<String, String>> taskConfigs(final int maxTasks) {
        List<String> encoded = channels.stream().map(Channel::encode).collect(Collectors.toList());
        return splitAcrossTasks(props, config.sourceId(), encoded, maxTasks, SlackConfig.TASK_CHANNELS);
    }

    @Override
    public Config validate(final Map<String, String> connectorConfigs) {
        Config result = super.validate(connectorConfigs);
        Map<String, ConfigValue> values = new HashMap<>();
        result.configValues().forEach(v -> values.put(v.name(), v));
        boolean clean = result.configValues().stream().allMatch(v -> v.errorMessages().isEmpty());
        if (!clean) {
            return result;
        }
        SlackConfig parsed;
        try {
            parsed = new SlackConfig(connectorConfigs);
        } catch (ConfigException e) {
            values.get(SlackConfig.TOKEN).addErrorMessage(e.getMessage());
            return result;
        }
        SlackWebClient client = client(parsed);
        try {
            client.call("auth.test", Map.of(), null);
        } catch (RuntimeException e) {
            values.get(SlackConfig.TOKEN).addErrorMessage("auth.test failed: " + e.getMessage());
            return result;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return result;
        }
        try {
            new ChannelResolver(client, parsed.channelTypes()).resolve(parsed.channels());
        } catch (ConnectException e) {
            // Unknown names, channel_not_found, missing scopes, or Slack unreachable: all name the cause and fix.
            values.get(SlackConfig.CHANNELS).addErrorMessage(e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
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
        return SlackConfig.DEFINITION;
    }

    @Override
    protected CursorCodec<?> cursorCodec() {
        return SlackChannelCursor.CODEC;
    }
}
