package dev.episodic.connect.slack;

import java.time.Duration;
import java.util.Locale;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;

/** A duration written as a number and a unit: {@code 0}, {@code 500ms}, {@code 30s}, {@code 15m}, {@code 24h}, {@code 7d}. */
final class DurationSetting {
    private DurationSetting() {
    }

    static Duration parse(final String key, final String value) {
        String v = value == null ? "" : value.trim().toLowerCase(Locale.ROOT);
        if (v.equals("0")) {
            return Duration.ZERO;
        }
        int split = 0;
        while (split < v.length() && Character.isDigit(v.charAt(split))) {
            split++;
        }
        if (split == 0 || split > 12) {
            throw invalid(key, value);
        }
        long amount = Long.parseLong(v.substring(0, split));
        switch (v.substring(split)) {
            case "ms":
                return Duration.ofMillis(amount);
            case "s":
                return Duration.ofSeconds(amount);
            case "m":
                return Duration.ofMinutes(amount);
            case "h":
                return Duration.ofHours(amount);
            case "d":
                return Duration.ofDays(amount);
            default:
                throw invalid(key, value);
        }
    }

    static ConfigDef.Validator validator() {
        return new ConfigDef.Validator() {
            @Override
            public void ensureValid(final String name, final Object value) {
                parse(name, value == null ? null : value.toString());
            }

            @Override
            public String toString() {
                return "a duration: 0, or a number with ms, s, m, h or d (e.g. 24h, 7d)";
            }
        };
    }

    private static ConfigException invalid(final String key, final String value) {
        return new ConfigException(key, value, "must be 0 or a whole number followed by ms, s, m, h or d, e.g. 24h or 7d");
    }
}
