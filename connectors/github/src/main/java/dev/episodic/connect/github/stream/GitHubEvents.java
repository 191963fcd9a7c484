package dev.episodic.connect.github.stream;

import com.fasterxml.jackson.databind.JsonNode;
import dev.episodic.connect.common.event.EpisodicEvent;
import dev.episodic.connect.common.event.SourceType;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;

/**
 * Turns GitHub REST objects into events. Every distinct version of an entity is one event; its {@code event_id}
 * is {@code github:<kind>:<entity id>:<version instant>}, so reading the same version again yields the same id.
 */
public final class GitHubEvents {
    private final String sourceId;
    private final String stream;
    private final String repository;
    private final boolean includePayload;
    private final Instant ingestedAt;

    public GitHubEvents(final String sourceId, final String stream, final String repository,
                        final boolean includePayload, final Instant ingestedAt) {
        this.sourceId = sourceId;
        this.stream = stream;
        this.repository = repository;
        this.includePayload = includePayload;
        this.ingestedAt = ingestedAt;
    }

    public static Optional<Instant> instant(final JsonNode node, final String field) {
        JsonNode v = node.path(field);
        if (!v.isTextual() || v.asText().isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Instant.parse(v.asText()));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    private static String id(final JsonNode node) {
        JsonNode id = node.path("id");
        return id.isMissingNode() || id.isNull() ? null : id.asText();
    }

    private EpisodicEvent.Builder base(final String kind, final String entityId, final Instant version,
                                       final String type, final JsonNode node) {
        return EpisodicEvent.builder()
                .eventId("github:" + kind + ":" + entityId + ":" + version)
                .sourceType(SourceType.GITHUB).sourceId(sourceId).stream(stream).sequence(1)
                .eventType(type).occurredAt(version).ingestedAt(ingestedAt)
                .attribute("repository", repository)
                .payload(includePayload ? node.toString() : null);
    }

    private static String login(final JsonNode user) {
        JsonNode login = user.path("login");
        return login.isTextual() ? login.asText() : null;
    }

    /** Issues and their versions; pull requests listed by the issues endpoint belong to the PR stream only. */
    public Optional<Candidate> issue(final JsonNode issue) {
        if (issue.has("pull_request")) {
            return Optional.empty();
        }
        return versioned(issue, "updated_at").map(at -> {
            Instant created = instant(issue, "created_at").orElse(at);
            Optional<Instant> closed = instant(issue, "closed_at");
            String state = issue.path("state").asText();
            String type = created.equals(at) ? "issue_opened"
                    : "closed".equals(state) && closed.map(at::equals).orElse(false) ? "issue_closed" : "issue_updated";
            String number = issue.path("number").asText();
            EpisodicEvent e = base("issue", id(issue), at, type, issue)
                    .actor(login(issue.path("user"))).sessionId("issue#" + number)
                    .subject("#" + number + " " + issue.path("title").asText())
                    .content(issue.path("body").isTextual() ? issue.path("body").asText() : null)
                    .attribute("number", number).attribute("state", state)
                    .attribute("state_reason", text(issue, "state_reason"))
                    .attribute("comments", issue.path("comments").asText())
                    .attribute("url", text(issue, "html_url")).build();
            return Candidate.timed(at, id(issue), e);
        });
    }

    public Optional<Candidate> pullRequest(final JsonNode pr) {
        return versioned(pr, "updated_at").map(at -> {
            Instant created = instant(pr, "created_at").orElse(at);
            Optional<Instant> merged = instant(pr, "merged_at");
            Optional<Instant> closed = instant(pr, "closed_at");
            String type;
            if (created.equals(at)) {
                type = "pull_request_opened";
            } else if (merged.isPresent() && (merged.get().equals(at) || closed.map(at::equals).orElse(false))) {
                type = "pull_request_merged";
            } else if ("closed".equals(pr.path("state").asText()) && closed.map(at::equals).orElse(false)) {
                type = "pull_request_closed";
            } else {
                type = "pull_request_updated";
            }
            String number = pr.path("number").asText();
            EpisodicEvent e = base("pull_request", id(pr), at, type, pr)
                    .actor(login(pr.path("user"))).sessionId("pull#" + number)
                    .subject("#" + number + " " + pr.path("title").asText())
                    .content(pr.path("body").isTextual() ? pr.path("body").asText() : null)
                    .attribute("number", number).attribute("state", pr.path("state").asText())
                    .attribute("merged", merged.isPresent()).attribute("draft", text(pr, "draft"))
                    .attribute("head", text(pr.path("head"), "ref")).attribute("base", text(pr.path("base"), "ref"))
                    .attribute("merge_commit_sha", text(pr, "merge_commit_sha"))
                    .attribute("url", text(pr, "html_url")).build();
            return Candidate.timed(at, id(pr), e);
        });
    }

    public Optional<Candidate> issueComment(final JsonNode comment) {
        return comment(comment, "issue_comment", lastSegment(text(comment, "issue_url")), "issue#");
    }

    public Optional<Candidate> reviewComment(final JsonNode comment) {
        return comment(comment, "review_comment", lastSegment(text(comment, "pull_request_url")), "pull#")
                .map(c -> new Candidate(c.at(), c.id(), c.event().toBuilder()
                        .attribute("path", text(comment, "path"))
                        .attribute("commit_id", text(comment, "commit_id"))
                        .attribute("review_id", text(comment, "pull_request_review_id")).build(), c.cursorAfter()));
    }

    private Optional<Candidate> comment(final JsonNode comment, final String kind, final String number,
                                        final String sessionPrefix) {
        return versioned(comment, "updated_at").map(at -> {
            Instant created = instant(comment, "created_at").orElse(at);
            String type = kind + (created.equals(at) ? "_created" : "_edited");
            String body = comment.path("body").asText("");
            EpisodicEvent e = base(kind, id(comment), at, type, comment)
                    .actor(login(comment.path("user"))).sessionId(number == null ? null : sessionPrefix + number)
                    .subject(firstLine(body)).content(body)
                    .attribute("number", number).attribute("url", text(comment, "html_url")).build();
            return Candidate.timed(at, id(comment), e);
        });
    }

    public Optional<Candidate> review(final JsonNode review, final String pullNumber) {
        return versioned(review, "submitted_at").map(at -> {
            String body = review.path("body").asText("");
            EpisodicEvent e = base("review", id(review), at, "review_submitted", review)
                    .actor(login(review.path("user"))).sessionId("pull#" + pullNumber)
                    .subject("#" + pullNumber + " " + review.path("state").asText().toLowerCase(Locale.ROOT))
                    .content(body.isEmpty() ? null : body)
                    .attribute("number", pullNumber).attribute("state", review.path("state").asText())
                    .attribute("commit_id", text(review, "commit_id"))
                    .attribute("url", text(review, "html_url")).build();
            return Candidate.timed(at, id(review), e);
        });
    }

    public Optional<Candidate> release(final JsonNode release) {
        if (release.path("draft").asBoolean(false)) {
            return Optional.empty();
        }
        return versioned(release, "published_at").map(at -> {
            EpisodicEvent e = base("release", id(release), at, "release_published", release)
                    .actor(login(release.path("author")))
                    .subject(release.path("tag_name").asText() + " " + release.path("name").asText(""))
                    .content(release.path("body").isTextual() ? release.path("body").asText() : null)
                    .attribute("tag", text(release, "tag_name"))
                    .attribute("prerelease", text(release, "prerelease"))
                    .attribute("target_commitish", text(release, "target_commitish"))
                    .attribute("url", text(release, "html_url")).build();
            return Candidate.timed(at, id(release), e);
        });
    }

    /**
     * The event of a reopen, {@code issue_reopened} or {@code pull_request_reopened}. When the entity's version at
     * the reopen's instant was read ({@code version}), that version is the event, retyped: one event per reopen, and
     * the same {@code event_id} a version read at that instant has. Otherwise (the entity changed again since) the
     * event is built from the timeline entry, with the id the version at that instant would have had.
     *
     * @param kind     {@code issue} or {@code pull_request}
     * @param entityId the issue id, or the pull request's id (not its issue id)
     */
    public Candidate reopened(final String kind, final String entityId, final Reopen reopen,
                              final Optional<Candidate> version) {
        String type = kind + "_reopened";
        if (version.isPresent()) {
            Candidate v = version.get();
            EpisodicEvent e = v.event().toBuilder().eventType(type).actor(reopen.actor())
                    .attribute("issue_event_id", reopen.eventId()).build();
            return new Candidate(v.at(), v.id(), e, v.cursorAfter());
        }
        JsonNode issue = reopen.entry().path("issue");
        String number = reopen.number();
        boolean pull = "pull_request".equals(kind);
        EpisodicEvent e = base(kind, entityId, reopen.at(), type, reopen.entry())
                .actor(reopen.actor()).sessionId((pull ? "pull#" : "issue#") + number)
                .subject("#" + number + " " + issue.path("title").asText())
                .attribute("number", number).attribute("state", "open")
                .attribute("state_reason", pull ? null : "reopened")
                .attribute("issue_event_id", reopen.eventId())
                .attribute("url", text(issue, "html_url")).build();
        return Candidate.timed(reopen.at(), entityId, e);
    }

    /** One entry of the repository events API; {@code PushEvent} becomes event type {@code push}. */
    public Optional<Candidate> repositoryEvent(final JsonNode event) {
        return versioned(event, "created_at").map(at -> {
            String type = eventType(event.path("type").asText("unknown"));
            EpisodicEvent e = base("event", id(event), at, type, event)
                    .actor(login(event.path("actor")))
                    .subject(type + " by " + login(event.path("actor")))
                    .attribute("github_type", text(event, "type"))
                    .attribute("ref", text(event.path("payload"), "ref"))
                    .attribute("action", text(event.path("payload"), "action")).build();
            return Candidate.timed(at, id(event), e);
        });
    }

    /** A commit; its version is the committer date. */
    public Optional<Candidate> commit(final JsonNode commit, final String branch) {
        JsonNode c = commit.path("commit");
        Optional<Instant> at = instant(c.path("committer"), "date").or(() -> instant(c.path("author"), "date"));
        String sha = text(commit, "sha");
        if (at.isEmpty() || sha == null) {
            return Optional.empty();
        }
        StringBuilder parents = new StringBuilder();
        for (JsonNode p : commit.path("parents")) {
            parents.append(parents.length() == 0 ? "" : ",").append(p.path("sha").asText());
        }
        String message = c.path("message").asText("");
        String author = login(commit.path("author"));
        EpisodicEvent e = EpisodicEvent.builder()
                .eventId("github:commit:" + repository + ":" + sha)
                .sourceType(SourceType.GITHUB).sourceId(sourceId).stream(stream).sequence(1)
                .eventType("commit").occurredAt(at.get()).ingestedAt(ingestedAt)
                .actor(author != null ? author : text(c.path("author"), "name"))
                .subject(firstLine(message)).content(message)
                .attribute("repository", repository).attribute("sha", sha).attribute("branch", branch)
                .attribute("parents", parents.toString())
                .attribute("author", text(c.path("author"), "name")).attribute("author_email", text(c.path("author"), "email"))
                .attribute("committer", text(c.path("committer"), "name"))
                .attribute("url", text(commit, "html_url"))
                .payload(includePayload ? commit.toString() : null).build();
        return Optional.of(new Candidate(at.get(), sha, e, null));
    }

    static String eventType(final String githubType) {
        String t = githubType.endsWith("Event") ? githubType.substring(0, githubType.length() - 5) : githubType;
        return t.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT);
    }

    private static Optional<Instant> versioned(final JsonNode node, final String field) {
        return id(node) == null ? Optional.empty() : instant(node, field);
    }

    private static String text(final JsonNode node, final String field) {
        JsonNode v = node.path(field);
        return v.isMissingNode() || v.isNull() ? null : v.asText();
    }

    private static String lastSegment(final String url) {
        return url == null ? null : url.substring(url.lastIndexOf('/') + 1);
    }

    private static String firstLine(final String text) {
        String line = text.lines().findFirst().orElse("");
        return line.length() > 200 ? line.substring(0, 200) + "…" : line;
    }
}
