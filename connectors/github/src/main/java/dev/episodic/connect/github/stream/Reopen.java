package dev.episodic.connect.github.stream;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/**
 * One {@code reopened} entry of the issue-events timeline: when ({@code created_at}), which issue or pull request
 * (by number; {@code issueId} is the issue's id, which for a pull request is not its pull-request id), who, and the
 * entry itself for the payload.
 */
public record Reopen(Instant at, String eventId, String issueId, String number, String actor, JsonNode entry) {
}
