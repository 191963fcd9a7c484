package dev.episodic.connect.common.config;

import java.time.Duration;
import java.util.Map;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;

/**
 * The keys every connector of the suite shares. A connector's own config extends this class and adds its
 * keys to {@link #commonDefinition} with its own defaults.
 */
public abstract class EpisodicSourceConfig extends AbstractConfig {
    public static final String GROUP = "Episodic";

    public static final String TOPIC = "topic";
    public static final String SOURCE_ID = "source.id";
    public static final String POLL_INTERVAL_MS = "poll.interval.ms";
    public static final String BATCH_MAX_EVENTS = "batch.max.events";
    public static final String INCLUDE_PAYLOAD = "include.payload";

    /** Connect passes the connector's name to the connector in this key; it is the default source id. */
    public static final String CONNECTOR_NAME = "name";

    protected EpisodicSourceConfig(final ConfigDef definition, final Map<?, ?> props) {
        super(definition, props);
    }

    /** The shared keys with this connector's defaults, in the "Episodic" group. */
    public static ConfigDef commonDefinition(final String defaultTopic, final long defaultPollIntervalMs,
                                             final int defaultBatchMaxEvents) {
        int order = 0;
        return new ConfigDef()
                .define(TOPIC, Type.STRING, defaultTopic, new ConfigDef.NonEmptyStringWithoutControlChars(),
                        Importance.HIGH, "Kafka topic the events are written to.",
                        GROUP, ++order, Width.MEDIUM, "Topic")
                .define(SOURCE_ID, Type.STRING, "", new ConfigDef.NonNullValidator(), Importance.MEDIUM,
                        "Identifies this source in every event (field source_id) and in standalone cursor stores. "
                                + "Empty means the connector's name.",
                        GROUP, ++order, Width.MEDIUM, "Source id")
                .define(POLL_INTERVAL_MS, Type.LONG, defaultPollIntervalMs, ConfigDef.Range.between(100, 86_400_000),
                        Importance.MEDIUM, "How long a task waits after it found nothing new before it looks again, "
                                + "in milliseconds.",
                        GROUP, ++order, Width.SHORT, "Poll interval (ms)")
                .define(BATCH_MAX_EVENTS, Type.INT, defaultBatchMaxEvents, ConfigDef.Range.between(1, 1_000_000),
                        Importance.LOW, "Most events one poll hands to Connect; bounds memory and the time a poll takes.",
                        GROUP, ++order, Width.SHORT, "Batch size")
                .define(INCLUDE_PAYLOAD, Type.BOOLEAN, true, Importance.LOW,
                        "Whether events carry the source's native object as JSON in the payload field.",
                        GROUP, ++order, Width.SHORT, "Include payload");
    }

    public String topic() {
        return getString(TOPIC);
    }

    /** {@code source.id}, or the connector's name when it is empty. */
    public String sourceId() {
        String configured = getString(SOURCE_ID);
        if (configured != null && !configured.isBlank()) {
            return configured.trim();
        }
        Object name = originals().get(CONNECTOR_NAME);
        if (name instanceof String && !((String) name).isBlank()) {
            return ((String) name).trim();
        }
        throw new org.apache.kafka.common.config.ConfigException(SOURCE_ID, configured,
                "source.id is empty and no connector name is known; set source.id");
    }

    public Duration pollInterval() {
        return Duration.ofMillis(getLong(POLL_INTERVAL_MS));
    }

    public int batchMaxEvents() {
        return getInt(BATCH_MAX_EVENTS);
    }

    public boolean includePayload() {
        return getBoolean(INCLUDE_PAYLOAD);
    }
}
