package dev.episodic.connect.filesystem.files;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.episodic.connect.common.event.EpisodicEvent;
import dev.episodic.connect.common.event.EventJson;
import dev.episodic.connect.common.event.SourceType;
import java.nio.file.Path;
import java.time.Instant;
import org.apache.kafka.connect.errors.ConnectException;

/** Turns a {@link FileChange} of one root into its episodic event. */
public final class FileEventFactory {
    private final String sourceId;
    private final String stream;
    private final Path root;
    private final boolean includePayload;
    private final ContentReader content;

    public FileEventFactory(final String sourceId, final String stream, final Path root, final boolean includePayload,
                            final ContentReader content) {
        this.sourceId = sourceId;
        this.stream = stream;
        this.root = root;
        this.includePayload = includePayload;
        this.content = content;
    }

    /**
     * @param scannedAt when the scan that found the change started: a delete's occurred_at, because a vanished file
     *                  has no time of its own
     */
    public EpisodicEvent event(final FileChange change, final long seq, final Instant scannedAt, final Instant ingestedAt) {
        FileState state = change.state();
        boolean deleted = change.type() == ChangeType.DELETED;
        EpisodicEvent.Builder event = EpisodicEvent.builder()
                .eventId(eventId(change))
                .sourceType(SourceType.FILESYSTEM)
                .sourceId(sourceId)
                .stream(stream)
                .sequence(seq)
                .eventType(change.type().eventType())
                .occurredAt(deleted ? scannedAt : state.mtime())
                .ingestedAt(ingestedAt)
                .subject(change.type().verb() + " " + (change.oldPath() == null ? "" : change.oldPath() + " -> ")
                        + change.path())
                .attribute("path", change.path())
                .attribute("old_path", change.oldPath())
                .attribute("size", state.size())
                .attribute("mtime", state.mtime().toString())
                .attribute("sha256", change.sha256())
                .attribute("root", root.toString());
        if (!deleted && content.enabled()) {
            content.read(root.resolve(change.path()), state.size()).ifPresent(event::content);
        }
        if (includePayload) {
            event.payload(payload(change));
        }
        return event.build();
    }

    /** From the change's own identity: the same change found again (e.g. after an offset reset) gets the same id. */
    String eventId(final FileChange change) {
        FileState state = change.state();
        return "fs:" + stream + ":" + change.type().eventType() + ":"
                + (change.oldPath() == null ? "" : change.oldPath() + "->") + change.path()
                + "@" + state.mtimeNanos() + ":" + state.size();
    }

    private static String payload(final FileChange change) {
        ObjectNode node = EventJson.mapper().createObjectNode();
        node.put("type", change.type().eventType());
        node.put("path", change.path());
        if (change.oldPath() != null) {
            node.put("old_path", change.oldPath());
        }
        node.put("size", change.state().size());
        node.put("mtime", change.state().mtime().toString());
        if (change.sha256() != null) {
            node.put("sha256", change.sha256());
        }
        if (change.previous() != null && change.type() == ChangeType.MODIFIED) {
            node.put("previous_size", change.previous().size());
            node.put("previous_mtime", change.previous().mtime().toString());
        }
        try {
            return EventJson.mapper().writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new ConnectException("Cannot serialise the payload of " + change, e);
        }
    }
}
