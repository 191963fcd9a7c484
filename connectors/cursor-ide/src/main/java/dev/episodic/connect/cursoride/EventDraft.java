package dev.episodic.connect.cursoride;

import java.util.Map;

/**
 * An event as read from Cursor, before it gets its stream, sequence and text limits.
 *
 * @param eventType  {@code ai_prompt}, {@code ai_generation}, {@code ai_message} or {@code composer_created}
 * @param eventId    deterministic, from the item's own identity
 * @param actor      {@code user} or {@code assistant}
 * @param sessionId  composer or chat tab id; null when the item belongs to none
 * @param text       the prompt or message text; null when there is none
 * @param subject    a one-line summary when it is not the first line of the text (e.g. a composer's name)
 * @param attributes flat facts (ids, model, token counts, tool names)
 * @param payload    the native object as JSON
 */
record EventDraft(String eventType, String eventId, String actor, String sessionId, String text, String subject,
                  Map<String, String> attributes, String payload) {
}
