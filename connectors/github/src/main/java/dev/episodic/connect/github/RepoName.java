package dev.episodic.connect.github;

import java.util.regex.Pattern;
import org.apache.kafka.common.config.ConfigException;

/**
 * One entry of {@code github.repositories}: {@code owner/name}, or {@code owner/*} for every repository of that
 * user or organisation the token can read.
 */
public record RepoName(String owner, String name) {
    private static final Pattern OWNER = Pattern.compile("[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})");
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]{1,100}|\\*");

    public static RepoName parse(final String key, final String value) {
        String v = value.trim();
        int slash = v.indexOf('/');
        if (slash <= 0 || slash != v.lastIndexOf('/') || slash == v.length() - 1) {
            throw new ConfigException(key, value, "each entry must be owner/name or owner/*");
        }
        String owner = v.substring(0, slash);
        String name = v.substring(slash + 1);
        if (!OWNER.matcher(owner).matches() || !NAME.matcher(name).matches()) {
            throw new ConfigException(key, value, "'" + v + "' is not a GitHub owner/name (letters, digits, '-', "
                    + "'.', '_'), nor owner/*");
        }
        return new RepoName(owner, name);
    }

    public boolean wildcard() {
        return "*".equals(name);
    }

    public String fullName() {
        return owner + "/" + name;
    }

    @Override
    public String toString() {
        return fullName();
    }
}
