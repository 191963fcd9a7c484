package dev.episodic.connect.common.testkit.github;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One repository of the {@link FakeGitHub}: issues, pull requests, comments, reviews, releases, the events feed,
 * commits per branch, and the issue-events timeline that GitHub keeps of closes, reopens, merges and labels. A
 * test changes it between polls; every change moves the fake's clock by a second (unless frozen) and stamps the
 * entity's {@code updated_at}, as GitHub does. Pull requests have an issue id of their own, distinct from their
 * pull-request id, as on GitHub.
 */
public final class FakeRepo {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** One entry of the issue-events timeline; the {@code issue} object is rendered when served. */
    record TimelineEntry(long id, String event, Instant at, ObjectNode entity, boolean pull, String actor) {
    }

    private final FakeGitHub github;
    final long id;
    final String owner;
    String name;
    final List<ObjectNode> issues = new ArrayList<>();
    final List<ObjectNode> pulls = new ArrayList<>();
    final Map<Integer, Long> pullIssueIds = new HashMap<>();
    final List<ObjectNode> issueComments = new ArrayList<>();
    final List<ObjectNode> reviewComments = new ArrayList<>();
    final Map<Integer, List<ObjectNode>> reviews = new LinkedHashMap<>();
    final List<ObjectNode> releases = new ArrayList<>();
    final List<ObjectNode> events = new ArrayList<>();
    final List<TimelineEntry> timeline = new ArrayList<>();
    final Map<String, List<ObjectNode>> commits = new LinkedHashMap<>();
    private int nextNumber = 1;

    FakeRepo(final FakeGitHub github, final long id, final String owner, final String name) {
        this.github = github;
        this.id = id;
        this.owner = owner;
        this.name = name;
        commits.put("main", new ArrayList<>());
    }

    public String fullName() {
        return owner + "/" + name;
    }

    public ObjectNode openIssue(final String title) {
        synchronized (github) {
            Instant at = github.tick();
            ObjectNode issue = entity(at);
            issue.put("number", nextNumber++).put("title", title).put("body", "body of " + title)
                    .put("state", "open").putNull("state_reason").putNull("closed_at").put("comments", 0)
                    .putObject("user").put("login", "alice");
            issues.add(issue);
            return issue;
        }
    }

    public void editIssue(final ObjectNode issue, final String title) {
        synchronized (github) {
            issue.put("title", title).put("updated_at", github.tick().toString());
        }
    }

    /** A label: the issue's {@code updated_at} moves and the timeline gets a {@code labeled} entry. */
    public void labelIssue(final ObjectNode issue, final String label) {
        synchronized (github) {
            Instant at = github.tick();
            issue.putArray("labels").addObject().put("name", label);
            issue.put("updated_at", at.toString());
            record("labeled", at, issue, false, "alice");
        }
    }

    public void closeIssue(final ObjectNode issue) {
        synchronized (github) {
            Instant at = github.tick();
            issue.put("state", "closed").put("state_reason", "completed").put("closed_at", at.toString())
                    .put("updated_at", at.toString());
            record("closed", at, issue, false, "alice");
        }
    }

    /** Reopens a closed issue: open again, {@code state_reason} {@code reopened}, no {@code closed_at}. */
    public void reopenIssue(final ObjectNode issue) {
        synchronized (github) {
            Instant at = github.tick();
            issue.put("state", "open").put("state_reason", "reopened").putNull("closed_at")
                    .put("updated_at", at.toString());
            record("reopened", at, issue, false, "mallory");
        }
    }

    public ObjectNode openPull(final String title) {
        synchronized (github) {
            Instant at = github.tick();
            ObjectNode pr = entity(at);
            int number = nextNumber++;
            pr.put("number", number).put("title", title).put("state", "open").put("draft", false)
                    .putNull("closed_at").putNull("merged_at").putNull("merge_commit_sha")
                    .putObject("user").put("login", "bob");
            pr.putObject("head").put("ref", "feature-" + number);
            pr.putObject("base").put("ref", "main");
            pulls.add(pr);
            pullIssueIds.put(number, github.nextId());
            reviews.put(number, new ArrayList<>());
            return pr;
        }
    }

    public void editPull(final ObjectNode pr, final String title) {
        synchronized (github) {
            pr.put("title", title).put("updated_at", github.tick().toString());
        }
    }

    public void closePull(final ObjectNode pr) {
        synchronized (github) {
            Instant at = github.tick();
            pr.put("state", "closed").put("closed_at", at.toString()).put("updated_at", at.toString());
            record("closed", at, pr, true, "bob");
        }
    }

    public void reopenPull(final ObjectNode pr) {
        synchronized (github) {
            Instant at = github.tick();
            pr.put("state", "open").putNull("closed_at").put("updated_at", at.toString());
            record("reopened", at, pr, true, "mallory");
        }
    }

    public void mergePull(final ObjectNode pr) {
        synchronized (github) {
            Instant at = github.tick();
            pr.put("state", "closed").put("closed_at", at.toString()).put("merged_at", at.toString())
                    .put("merge_commit_sha", FakeGitHub.sha("merge" + pr.get("id").asText()))
                    .put("updated_at", at.toString());
            record("merged", at, pr, true, "bob");
            record("closed", at, pr, true, "bob");
        }
    }

    public ObjectNode review(final ObjectNode pr, final String state) {
        synchronized (github) {
            Instant at = github.tick();
            ObjectNode review = MAPPER.createObjectNode().put("id", github.nextId()).put("state", state)
                    .put("submitted_at", at.toString()).put("body", "looks " + state);
            review.putObject("user").put("login", "carol");
            reviews.get(pr.get("number").asInt()).add(review);
            pr.put("updated_at", at.toString());
            return review;
        }
    }

    public ObjectNode comment(final ObjectNode issue, final String body) {
        synchronized (github) {
            ObjectNode c = entity(github.tick()).put("body", body)
                    .put("issue_url", github.url() + "/repos/" + fullName() + "/issues/" + issue.get("number").asInt());
            c.putObject("user").put("login", "dave");
            issueComments.add(c);
            issue.put("comments", issue.path("comments").asInt() + 1);
            return c;
        }
    }

    public void editComment(final ObjectNode comment, final String body) {
        synchronized (github) {
            comment.put("body", body).put("updated_at", github.tick().toString());
        }
    }

    public ObjectNode reviewComment(final ObjectNode pr, final String body) {
        synchronized (github) {
            ObjectNode c = entity(github.tick()).put("body", body).put("path", "src/Main.java")
                    .put("pull_request_url", github.url() + "/repos/" + fullName() + "/pulls/"
                            + pr.get("number").asInt());
            reviewComments.add(c);
            return c;
        }
    }

    public ObjectNode release(final String tag) {
        synchronized (github) {
            Instant at = github.tick();
            ObjectNode r = MAPPER.createObjectNode().put("id", github.nextId()).put("tag_name", tag)
                    .put("name", "Release " + tag).put("draft", false).put("created_at", at.toString())
                    .put("published_at", at.toString());
            releases.add(r);
            return r;
        }
    }

    /** An entry of the repository events feed ({@code PushEvent}, {@code CreateEvent}, …). */
    public ObjectNode event(final String type) {
        synchronized (github) {
            ObjectNode e = MAPPER.createObjectNode().put("id", Long.toString(github.nextId())).put("type", type)
                    .put("created_at", github.tick().toString());
            e.putObject("actor").put("login", "erin");
            e.putObject("payload").put("ref", "main");
            events.add(e);
            return e;
        }
    }

    /** A new commit on {@code branch} whose parent is the branch head. */
    public ObjectNode commit(final String branch, final String message) {
        synchronized (github) {
            List<ObjectNode> history = commits.computeIfAbsent(branch, b -> new ArrayList<>());
            Instant at = github.tick();
            String sha = FakeGitHub.sha(fullName() + branch + message + github.nextId());
            ObjectNode c = MAPPER.createObjectNode().put("sha", sha);
            ObjectNode inner = c.putObject("commit").put("message", message);
            for (String role : new String[] {"author", "committer"}) {
                inner.putObject(role).put("name", "Frank").put("email", "frank@example.com").put("date", at.toString());
            }
            ArrayNode parents = c.putArray("parents");
            if (!history.isEmpty()) {
                parents.addObject().put("sha", history.get(history.size() - 1).get("sha").asText());
            }
            history.add(c);
            return c;
        }
    }

    public int issueCount() {
        synchronized (github) {
            return issues.size();
        }
    }

    /** The issue id GitHub gives pull request {@code pr} (distinct from its pull-request id). */
    public long issueIdOf(final ObjectNode pr) {
        synchronized (github) {
            return pullIssueIds.get(pr.get("number").asInt());
        }
    }

    /** A pull request as the issues endpoint and the timeline show it: its issue id, a {@code pull_request} key. */
    ObjectNode pullAsIssue(final ObjectNode pr) {
        ObjectNode asIssue = pr.deepCopy();
        asIssue.put("id", pullIssueIds.get(pr.get("number").asInt()));
        asIssue.putObject("pull_request").put("url", github.url() + "/repos/" + fullName() + "/pulls/"
                + pr.get("number").asInt());
        return asIssue;
    }

    JsonNode render(final TimelineEntry e) {
        ObjectNode node = MAPPER.createObjectNode().put("id", e.id()).put("event", e.event())
                .put("created_at", e.at().toString()).putNull("commit_id");
        node.putObject("actor").put("login", e.actor());
        node.set("issue", e.pull() ? pullAsIssue(e.entity()) : e.entity().deepCopy());
        return node;
    }

    private void record(final String event, final Instant at, final ObjectNode entity, final boolean pull,
                        final String actor) {
        timeline.add(new TimelineEntry(github.nextId(), event, at, entity, pull, actor));
    }

    private ObjectNode entity(final Instant at) {
        return MAPPER.createObjectNode().put("id", github.nextId()).put("created_at", at.toString())
                .put("updated_at", at.toString());
    }
}
