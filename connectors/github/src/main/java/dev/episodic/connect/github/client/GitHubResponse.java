package dev.episodic.connect.github.client;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;

/**
 * One answered GET. {@code body} is null for a 304 (the conditional request matched: GitHub does not count it
 * against the quota). {@code path} is where the data was finally found, after any 301 (a renamed repository).
 */
public record GitHubResponse(int status, JsonNode body, String etag, String nextLink, long pollIntervalSeconds,
                             String path, boolean redirected) {

    public boolean notModified() {
        return status == 304;
    }

    public Optional<String> next() {
        return Optional.ofNullable(nextLink);
    }
}
