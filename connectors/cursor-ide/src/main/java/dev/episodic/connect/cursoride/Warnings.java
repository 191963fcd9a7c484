package dev.episodic.connect.cursoride;

import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * WARNs once per problem (database, key and the value's fingerprint), so a corrupt value that stays corrupt is
 * reported when it appears, not on every poll. Bounded, so it never grows with the history.
 */
final class Warnings {
    private static final Logger LOG = LoggerFactory.getLogger(Warnings.class);
    private static final int MAX = 1_000;

    private final Map<String, Boolean> seen = new LinkedHashMap<>(16, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(final Map.Entry<String, Boolean> eldest) {
            return size() > MAX;
        }
    };

    void invalidJson(final Object database, final String key, final String problem) {
        once(database + "|" + key + "|" + problem, "Cursor database {}: value of key '{}' is not valid JSON ({}); "
                + "it is skipped and the rest of the database is still read", database, key, problem);
    }

    void unknownLayout(final Object database, final String key, final String problem) {
        once(database + "|" + key + "|layout|" + problem, "Cursor database {}: key '{}' has a layout this connector "
                + "does not know ({}); it is skipped and the rest of the database is still read", database, key,
                problem);
    }

    void once(final String identity, final String format, final Object... args) {
        if (seen.put(identity, Boolean.TRUE) == null) {
            LOG.warn(format, args);
        }
    }
}
