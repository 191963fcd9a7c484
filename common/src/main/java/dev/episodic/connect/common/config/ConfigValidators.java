package dev.episodic.connect.common.config;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;

/** Validators and parsers for value shapes several connectors share. */
public final class ConfigValidators {
    private ConfigValidators() {
    }

    /** Strict enum values: the lower-case constant name, nothing else. */
    public static <E extends Enum<E>> ConfigDef.Validator enumValue(final Class<E> type) {
        return new ConfigDef.Validator() {
            @Override
            public void ensureValid(final String name, final Object value) {
                if (value == null) {
                    return;
                }
                parseEnum(type, name, value.toString());
            }

            @Override
            public String toString() {
                return enumNames(type).toString();
            }
        };
    }

    public static <E extends Enum<E>> E parseEnum(final Class<E> type, final String key, final String value) {
        for (E constant : type.getEnumConstants()) {
            if (constant.name().toLowerCase(Locale.ROOT).equals(value)) {
                return constant;
            }
        }
        throw new ConfigException(key, value, "must be one of " + enumNames(type));
    }

    public static <E extends Enum<E>> List<String> enumNames(final Class<E> type) {
        return Arrays.stream(type.getEnumConstants()).map(e -> e.name().toLowerCase(Locale.ROOT))
                .collect(Collectors.toList());
    }

    /** An ISO-8601 date ({@code 2024-01-31}) or date-time ({@code 2024-01-31T10:00:00Z}); empty means unset. */
    public static ConfigDef.Validator isoInstant() {
        return new ConfigDef.Validator() {
            @Override
            public void ensureValid(final String name, final Object value) {
                parseInstant(name, value == null ? null : value.toString());
            }

            @Override
            public String toString() {
                return "ISO-8601 date or date-time, e.g. 2024-01-31 or 2024-01-31T10:00:00Z; empty for none";
            }
        };
    }

    public static Optional<Instant> parseInstant(final String key, final String value) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        String v = value.trim();
        try {
            return Optional.of(OffsetDateTime.parse(v).toInstant());
        } catch (DateTimeParseException notDateTime) {
            try {
                return Optional.of(LocalDate.parse(v).atStartOfDay().toInstant(ZoneOffset.UTC));
            } catch (DateTimeParseException notDate) {
                throw new ConfigException(key, value, "must be an ISO-8601 date (2024-01-31) or date-time "
                        + "with offset (2024-01-31T10:00:00Z)");
            }
        }
    }

    /** A comma-separated list with at least one non-blank entry. */
    public static ConfigDef.Validator nonEmptyList() {
        return new ConfigDef.Validator() {
            @Override
            public void ensureValid(final String name, final Object value) {
                @SuppressWarnings("unchecked")
                List<String> list = (List<String>) value;
                if (list == null || list.stream().allMatch(String::isBlank)) {
                    throw new ConfigException(name, value, "must list at least one entry");
                }
            }

            @Override
            public String toString() {
                return "non-empty comma-separated list";
            }
        };
    }
}
