package dev.episodic.connect.slack.client;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * One page of a cursor-paginated Slack method: its items and the cursor of the next page ({@code null} on the
 * last page; Slack marks the end with an empty or absent {@code response_metadata.next_cursor}).
 */
public record Page(List<JsonNode> items, String nextCursor, JsonNode body) {
    public Page {
        items = List.copyOf(items);
    }

    public boolean isLast() {
        return nextCursor == null;
    }
}
