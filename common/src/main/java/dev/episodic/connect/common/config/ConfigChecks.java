package dev.episodic.connect.common.config;

import java.util.List;
import java.util.function.BiConsumer;
import org.apache.kafka.common.config.Config;
import org.apache.kafka.common.config.ConfigValue;

/**
 * Helpers for {@code Connector.validate()}: checks that go beyond a key's own validator (a path exists, a token is
 * accepted) report on the key they concern, so the validate endpoint tells the user exactly what to fix.
 */
public final class ConfigChecks {
    private ConfigChecks() {
    }

    /**
     * Runs {@code check} on each non-blank entry (trimmed) of the list key {@code key}, when that key parsed without
     * errors; the check adds its problems to the given {@link ConfigValue}.
     */
    public static void eachEntry(final Config result, final String key, final BiConsumer<String, ConfigValue> check) {
        for (ConfigValue value : result.configValues()) {
            if (key.equals(value.name()) && value.errorMessages().isEmpty() && value.value() instanceof List) {
                for (Object entry : (List<?>) value.value()) {
                    String text = String.valueOf(entry).trim();
                    if (!text.isEmpty()) {
                        check.accept(text, value);
                    }
                }
            }
        }
    }
}
