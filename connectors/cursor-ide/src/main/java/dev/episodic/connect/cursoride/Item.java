package dev.episodic.connect.cursoride;

import java.time.Instant;

/**
 * One entry of a group as loaded from the database.
 *
 * @param key        the item's identity within its group (bubble id, generation id, prompt ordinal)
 * @param occurredAt its own time, or the best stand-in when {@code estimated}
 * @param estimated  true when the time is not the item's own
 * @param draft      the event to emit; null for an entry that cannot be read (already reported) and is passed over
 */
record Item(String key, Instant occurredAt, boolean estimated, EventDraft draft) {
    static Item unreadable(final String key) {
        return new Item(key, Instant.EPOCH, true, null);
    }
}
