package dev.episodic.connect.github;

/** What of a repository becomes a stream; the config names them in lower case ({@code pull_requests}). */
public enum Resource {
    COMMITS,
    PULL_REQUESTS,
    ISSUES,
    ISSUE_COMMENTS,
    PULL_REQUEST_REVIEWS,
    REVIEW_COMMENTS,
    RELEASES,
    EVENTS;

    public String configName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
