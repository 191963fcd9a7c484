package dev.episodic.connect.common.testkit;

import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.config.ConfigDef;

/** Fails the build when a config key is undocumented or ungrouped. */
public final class ConfigDefAssertions {
    private ConfigDefAssertions() {
    }

    public static void assertFullyDocumented(final ConfigDef definition) {
        List<String> problems = new ArrayList<>();
        for (ConfigDef.ConfigKey key : definition.configKeys().values()) {
            if (key.documentation == null || key.documentation.isBlank()) {
                problems.add(key.name + " has no documentation");
            }
            if (key.group == null || key.group.isBlank()) {
                problems.add(key.name + " has no group");
            }
            if (key.displayName == null || key.displayName.isBlank() || key.displayName.equals(key.name)) {
                problems.add(key.name + " has no display name");
            }
        }
        if (!problems.isEmpty()) {
            throw new AssertionError(String.join("\n", problems));
        }
    }
}
