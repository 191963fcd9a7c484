package dev.episodic.connect.cursoride;

import dev.episodic.connect.common.event.EpisodicEvent;
import dev.episodic.connect.common.event.SourceType;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/** Builds the envelope from a draft: stream, sequence, text policy ({@code cursor.include.text}, size cap), payload. */
final class EventFactory {
    static final int SUBJECT_CHARS = 120;

    private final String sourceId;
    private final boolean includeText;
    private final int maxTextBytes;
    private final boolean includePayload;

    EventFactory(final String sourceId, final boolean includeText, final int maxTextBytes,
                 final boolean includePayload) {
        this.sourceId = sourceId;
        this.includeText = includeText;
        this.maxTextBytes = maxTextBytes;
        this.includePayload = includePayload;
    }

    EpisodicEvent build(final String stream, final long sequence, final Item item, final Instant ingestedAt) {
        EventDraft draft = item.draft();
        EpisodicEvent.Builder b = EpisodicEvent.builder()
                .eventId(draft.eventId()).sourceType(SourceType.CURSOR_IDE).sourceId(sourceId).stream(stream)
                .sequence(sequence).eventType(draft.eventType()).occurredAt(item.occurredAt())
                .ingestedAt(ingestedAt).actor(draft.actor()).sessionId(draft.sessionId())
                .attributes(draft.attributes());
        String subject = draft.subject();
        if (includeText && draft.text() != null) {
            String text = draft.text();
            String cut = cut(text, maxTextBytes);
            if (cut.length() < text.length()) {
                b.attribute("text_truncated", "true");
            }
            b.content(cut);
            if (subject == null) {
                subject = firstLine(text);
            }
        }
        if (subject != null) {
            b.subject(subject);
        }
        if (includePayload && includeText) {
            // The payload repeats the text; with text off it would leak what the user asked to leave out.
            b.payload(draft.payload());
        }
        return b.build();
    }

    static String firstLine(final String text) {
        String trimmed = text.strip();
        int newline = trimmed.indexOf('\n');
        String line = (newline < 0 ? trimmed : trimmed.substring(0, newline)).strip();
        if (line.length() > SUBJECT_CHARS) {
            line = line.substring(0, SUBJECT_CHARS - 1) + "…";
        }
        return line.isEmpty() ? null : line;
    }

    /** The longest prefix of {@code text} whose UTF-8 form fits in {@code maxBytes}, never splitting a character. */
    static String cut(final String text, final int maxBytes) {
        if (text.length() * 3L <= maxBytes) {
            return text;
        }
        CharsetEncoder encoder = StandardCharsets.UTF_8.newEncoder()
                .onMalformedInput(CodingErrorAction.REPLACE).onUnmappableCharacter(CodingErrorAction.REPLACE);
        ByteBuffer out = ByteBuffer.allocate(maxBytes);
        CharBuffer in = CharBuffer.wrap(text);
        encoder.encode(in, out, true);
        return text.substring(0, in.position());
    }
}
