package dev.episodic.connect.common.connector;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import dev.episodic.connect.common.event.EventJson;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.connect.errors.ConnectException;

/**
 * Splits a connector's streams across {@code tasks.max} tasks (a stream belongs to exactly one task) and carries
 * each task's share in its config as a JSON list, so entries may contain commas.
 */
public final class TaskAssignments {
    private TaskAssignments() {
    }

    /** Round-robin over at most {@code maxTasks} groups; never returns an empty group. */
    public static <T> List<List<T>> split(final List<T> items, final int maxTasks) {
        int groups = Math.max(1, Math.min(maxTasks, items.size()));
        List<List<T>> result = new ArrayList<>(groups);
        for (int i = 0; i < groups; i++) {
            result.add(new ArrayList<>());
        }
        for (int i = 0; i < items.size(); i++) {
            result.get(i % groups).add(items.get(i));
        }
        result.removeIf(List::isEmpty);
        return result;
    }

    public static String encode(final List<String> values) {
        try {
            return EventJson.mapper().writeValueAsString(values);
        } catch (JsonProcessingException e) {
            throw new ConnectException("Cannot encode task assignment", e);
        }
    }

    public static List<String> decode(final String key, final String json) {
        if (json == null) {
            throw new ConnectException("Task config lacks '" + key + "'; the connector assigns it");
        }
        try {
            return EventJson.mapper().readValue(json, new TypeReference<List<String>>() { });
        } catch (JsonProcessingException e) {
            throw new ConnectException("Task config '" + key + "' is not a JSON list: " + json, e);
        }
    }
}
