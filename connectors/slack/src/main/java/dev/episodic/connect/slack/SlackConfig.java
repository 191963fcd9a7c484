package dev.episodic.connect.slack;

import dev.episodic.connect.common.config.ConfigValidators;
import dev.episodic.connect.common.config.EpisodicSourceConfig;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.types.Password;

/** Configuration of the Slack connector: the suite's shared keys plus the {@code slack.*} keys. */
public final class SlackConfig extends EpisodicSourceConfig {
    public static final String TOKEN = "slack.token";
    public static final String CHANNELS = "slack.channels";
    public static final String CHANNELS_REFRESH_MS = "slack.channels.refresh.ms";
    public static final String CHANNEL_TYPES = "slack.channel.types";
    public static final String OLDEST = "slack.oldest";
    public static final String THREADS = "slack.threads";
    public static final String THREAD_WATCH = "slack.thread.watch";
    public static final String EDITS_WINDOW = "slack.edits.window";
    public static final String EDITS_INTERVAL_MS = "slack.edits.interval.ms";
    public static final String REQUESTS_PER_MINUTE = "slack.requests.per.minute";
    public static final String PAGE_SIZE = "slack.page.size";
    public static final String API_URL = "slack.api.url";
    /** Internal: the channels of one task, as a JSON list of {@code id#name}. */
    public static final String TASK_CHANNELS = "slack.task.channels";

    /** Slack's Tier 3 (conversations.history, conversations.replies): 50+ requests per minute. */
    public static final int TIER3_PER_MINUTE = 50;

    private static final String GROUP = "Slack";

    public static final ConfigDef DEFINITION = definition();

    public SlackConfig(final Map<?, ?> props) {
        super(DEFINITION, props);
    }

    private static ConfigDef definition() {
        int order = 0;
        return commonDefinition("episodic.slack", 30_000, 500)
                .define(TOKEN, Type.PASSWORD, ConfigDef.NO_DEFAULT_VALUE, Importance.HIGH,
                        "Slack bot (xoxb-) or user (xoxp-) token. Needs channels:history and channels:read (plus "
                                + "groups:*, mpim:*, im:* for those channel types) and users:read. Never logged.",
                        GROUP, ++order, Width.LONG, "Token")
                .define(CHANNELS, Type.LIST, "", Importance.HIGH,
                        "Channels to read, as ids (C0123ABCD) or #names. Empty means every channel of the types in "
                                + CHANNEL_TYPES + " that the token is a member of, re-resolved every "
                                + CHANNELS_REFRESH_MS + ".",
                        GROUP, ++order, Width.LONG, "Channels")
                .define(CHANNELS_REFRESH_MS, Type.LONG, 3_600_000L, ConfigDef.Range.between(10_000, 86_400_000),
                        Importance.LOW, "How often the member channels are listed again when " + CHANNELS
                                + " is empty, in milliseconds.",
                        GROUP, ++order, Width.SHORT, "Channel refresh (ms)")
                .define(CHANNEL_TYPES, Type.LIST, "public_channel", channelTypesValidator(), Importance.MEDIUM,
                        "Conversation types read when " + CHANNELS + " is empty: public_channel, private_channel, "
                                + "mpim, im.",
                        GROUP, ++order, Width.MEDIUM, "Channel types")
                .define(OLDEST, Type.STRING, "", ConfigValidators.isoInstant(), Importance.MEDIUM,
                        "ISO-8601 date or date-time; nothing older is backfilled. Empty backfills the whole history.",
                        GROUP, ++order, Width.MEDIUM, "Oldest")
                .define(THREADS, Type.BOOLEAN, true, Importance.MEDIUM,
                        "Whether thread replies are read (conversations.replies: for threads whose latest_reply "
                                + "moved, and once per edits-window pass for threads with a reply inside the window).",
                        GROUP, ++order, Width.SHORT, "Threads")
                .define(THREAD_WATCH, Type.STRING, "7d", DurationSetting.validator(), Importance.LOW,
                        "How long after its last reply a thread stays in the cursor's watch list, e.g. 7d.",
                        GROUP, ++order, Width.SHORT, "Thread watch")
                .define(EDITS_WINDOW, Type.STRING, "24h", DurationSetting.validator(), Importance.MEDIUM,
                        "How far back edits, deletes and reaction changes of messages and thread replies are caught, "
                                + "e.g. 24h; 0 turns that off. The newest page of history is re-read every round; the "
                                + "rest of the window by a pass every " + EDITS_INTERVAL_MS + ".",
                        GROUP, ++order, Width.SHORT, "Edits window")
                .define(EDITS_INTERVAL_MS, Type.LONG, 300_000L, ConfigDef.Range.between(0, 86_400_000),
                        Importance.LOW, "How often a pass over the edits window starts, in milliseconds (0: one "
                                + "after the other). A pass reads one history page or one active thread per round, "
                                + "taking turns with the rounds that read new messages, so an idle round stays one "
                                + "call; a change older than the newest page is reported within this interval plus "
                                + "the pass's length (2 x its steps x " + POLL_INTERVAL_MS + ").",
                        GROUP, ++order, Width.SHORT, "Edits pass interval (ms)")
                .define(REQUESTS_PER_MINUTE, Type.INT, TIER3_PER_MINUTE, ConfigDef.Range.between(1, 10_000),
                        Importance.MEDIUM, "Most requests per minute this task sends to each Slack method. The "
                                + "default is Slack's Tier 3; set 1 (with " + PAGE_SIZE + " 15) for the limit Slack "
                                + "applies since 2025 to apps not in the Marketplace.",
                        GROUP, ++order, Width.SHORT, "Requests per minute")
                .define(PAGE_SIZE, Type.INT, 200, ConfigDef.Range.between(1, 999), Importance.LOW,
                        "Messages asked for per conversations.history / conversations.replies page.",
                        GROUP, ++order, Width.SHORT, "Page size")
                .define(API_URL, Type.STRING, "https://slack.com/api/", new ConfigDef.NonEmptyStringWithoutControlChars(),
                        Importance.LOW, "Base URL of the Slack Web API methods; change only for a proxy or a test server.",
                        GROUP, ++order, Width.MEDIUM, "API URL")
                .define(TASK_CHANNELS, Type.STRING, "", Importance.LOW,
                        "Internal: the channels of this task, set by the connector.",
                        GROUP, ++order, Width.LONG, "Task channels");
    }

    private static ConfigDef.Validator channelTypesValidator() {
        return new ConfigDef.Validator() {
            @Override
            public void ensureValid(final String name, final Object value) {
                @SuppressWarnings("unchecked")
                List<String> list = (List<String>) value;
                if (list == null || list.isEmpty()) {
                    throw new ConfigException(name, value, "must name at least one of "
                            + ConfigValidators.enumNames(ChannelType.class));
                }
                list.forEach(v -> ConfigValidators.parseEnum(ChannelType.class, name, v.trim()));
            }

            @Override
            public String toString() {
                return "non-empty list of " + ConfigValidators.enumNames(ChannelType.class);
            }
        };
    }

    public Password token() {
        return getPassword(TOKEN);
    }

    public List<String> channels() {
        return getList(CHANNELS).stream().map(String::trim).filter(s -> !s.isEmpty()).collect(Collectors.toList());
    }

    public Duration channelsRefresh() {
        return Duration.ofMillis(getLong(CHANNELS_REFRESH_MS));
    }

    public List<ChannelType> channelTypes() {
        return getList(CHANNEL_TYPES).stream()
                .map(v -> ConfigValidators.parseEnum(ChannelType.class, CHANNEL_TYPES, v.trim()))
                .collect(Collectors.toList());
    }

    public Optional<Instant> oldest() {
        return ConfigValidators.parseInstant(OLDEST, getString(OLDEST));
    }

    public boolean threads() {
        return getBoolean(THREADS);
    }

    public Duration threadWatch() {
        return DurationSetting.parse(THREAD_WATCH, getString(THREAD_WATCH));
    }

    public Duration editsWindow() {
        return DurationSetting.parse(EDITS_WINDOW, getString(EDITS_WINDOW));
    }

    public Duration editsInterval() {
        return Duration.ofMillis(getLong(EDITS_INTERVAL_MS));
    }

    public int requestsPerMinute() {
        return getInt(REQUESTS_PER_MINUTE);
    }

    public int pageSize() {
        return getInt(PAGE_SIZE);
    }

    public String apiUrl() {
        return getString(API_URL);
    }
}
