package dev.episodic.connect.github.client;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.Optional;

/**
 * One answered GET. {@code body} is null for a 304 (the conditional request matched: GitHub does not count it
 * against the quota). {@code path} is where the data was finally found, after any 301 (a renamed repository).
 * {@code date} is the server's {@code Date} header (null without one): GitHub's own "now", against which
 * entity timestamps compare without local clock skew.
 */
public record GitHubResponse(int status, JsonNode body, String etag, String nextLink, long pollIntervalSeconds,
                             String path, boolean redirected, Instant date) {

    public boolean notModified() {
        return status == 304;
    }

    public Optional<String> next() {
        return Optional.ofNullable(nextLink);
    }
}
