package dev.episodic.connect.common.testkit;

import dev.episodic.connect.common.event.EpisodicEvent;
import java.util.Map;

/** One committed record as a consumer sees it: key, headers, decoded value and position. */
public record ConsumedEvent(String key, Map<String, String> headers, EpisodicEvent event, int partition, long offset,
                            long timestamp) {
}
