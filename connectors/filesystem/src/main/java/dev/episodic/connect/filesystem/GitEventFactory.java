package dev.episodic.connect.filesystem;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.episodic.connect.common.event.EpisodicEvent;
import dev.episodic.connect.common.event.EventJson;
import dev.episodic.connect.common.event.SourceType;
import dev.episodic.connect.filesystem.git.FileChange;
import dev.episodic.connect.filesystem.git.GitCommit;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Locale;

/** Turns git facts (commits, branch moves) of one repository stream into episodic events. */
public final class GitEventFactory {
    public static final String COMMIT = "commit";
    public static final String BRANCH_CREATED = "branch_created";
    public static final String BRANCH_DELETED = "branch_deleted";
    public static final String HISTORY_REWRITTEN = "history_rewritten";

    private final String sourceId;
    private final String stream;
    private final boolean includePayload;

    public GitEventFactory(final String sourceId, final String stream, final boolean includePayload) {
        this.sourceId = sourceId;
        this.stream = stream;
        this.includePayload = includePayload;
    }

    public EpisodicEvent commit(final GitCommit c, final long sequence, final Instant ingestedAt) {
        EpisodicEvent.Builder b = base(stream + ":" + c.sha(), COMMIT, sequence, c.committer().time(), ingestedAt)
                .actor(c.author().email())
                .subject(c.subject())
                .content(c.message())
                .attribute("sha", c.sha())
                .attribute("parents", String.join(" ", c.parents()))
                .attribute("branch", c.branch())
                .attribute("author_name", c.author().name())
                .attribute("author_email", c.author().email())
                .attribute("authored_at", c.author().time())
                .attribute("committer_name", c.committer().name())
                .attribute("committer_email", c.committer().email())
                .attribute("merge", c.merge())
                .attribute("files_changed", c.filesChanged())
                .attribute("lines_added", c.linesAdded())
                .attribute("lines_deleted", c.linesDeleted());
        if (includePayload) {
            b.payload(payload(c));
        }
        return b.build();
    }

    public EpisodicEvent branchCreated(final String branch, final String sha, final Instant tipTime, final long sequence,
                                       final Instant ingestedAt) {
        return base(stream + ":" + BRANCH_CREATED + ":" + branch + ":" + sha, BRANCH_CREATED, sequence, tipTime, ingestedAt)
                .subject("Branch " + branch + " created at " + sha.substring(0, 12))
                .attribute("branch", branch).attribute("sha", sha).build();
    }

    /** Git keeps no deletion time, so a deletion occurs when it is seen. */
    public EpisodicEvent branchDeleted(final String branch, final String lastSha, final long sequence, final Instant seenAt) {
        return base(stream + ":" + BRANCH_DELETED + ":" + branch + ":" + lastSha, BRANCH_DELETED, sequence, seenAt, seenAt)
                .subject("Branch " + branch + " deleted (was " + lastSha.substring(0, 12) + ")")
                .attribute("branch", branch).attribute("old_sha", lastSha).build();
    }

    public EpisodicEvent historyRewritten(final String branch, final String oldSha, final String newSha,
                                          final Instant newTipTime, final long sequence, final Instant ingestedAt) {
        return base(stream + ":" + HISTORY_REWRITTEN + ":" + branch + ":" + oldSha + ":" + newSha, HISTORY_REWRITTEN,
                sequence, newTipTime, ingestedAt)
                .subject("History of " + branch + " rewritten: " + oldSha.substring(0, 12) + " -> " + newSha.substring(0, 12))
                .attribute("branch", branch).attribute("old_sha", oldSha).attribute("new_sha", newSha).build();
    }

    private EpisodicEvent.Builder base(final String eventId, final String type, final long sequence,
                                       final Instant occurredAt, final Instant ingestedAt) {
        return EpisodicEvent.builder().eventId(eventId).sourceType(SourceType.GIT).sourceId(sourceId).stream(stream)
                .sequence(sequence).eventType(type).occurredAt(occurredAt).ingestedAt(ingestedAt);
    }

    /** {"files":[{path, old_path, change_type, lines_added, lines_deleted, binary}], "patch", "patch_truncated"}. */
    private static String payload(final GitCommit c) {
        StringWriter out = new StringWriter(128 + 96 * c.changes().size());
        try (JsonGenerator g = EventJson.mapper().getFactory().createGenerator(out)) {
            g.writeStartObject();
            g.writeArrayFieldStart("files");
            for (FileChange f : c.changes()) {
                g.writeStartObject();
                g.writeStringField("path", f.path());
                if (f.oldPath() != null) {
                    g.writeStringField("old_path", f.oldPath());
                }
                g.writeStringField("change_type", f.type().name().toLowerCase(Locale.ROOT));
                g.writeNumberField("lines_added", f.linesAdded());
                g.writeNumberField("lines_deleted", f.linesDeleted());
                g.writeBooleanField("binary", f.binary());
                g.writeEndObject();
            }
            g.writeEndArray();
            if (c.patch() != null) {
                g.writeStringField("patch", c.patch());
                g.writeBooleanField("patch_truncated", c.patchTruncated());
            }
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write payload of commit " + c.sha(), e);
        }
        return out.toString();
    }
}
