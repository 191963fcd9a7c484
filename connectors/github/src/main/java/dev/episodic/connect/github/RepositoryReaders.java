package dev.episodic.connect.github;

import dev.episodic.connect.github.client.GitHubClient;
import dev.episodic.connect.github.stream.AscendingReader;
import dev.episodic.connect.github.stream.CommitsReader;
import dev.episodic.connect.github.stream.GitHubEvents;
import dev.episodic.connect.github.stream.NewestFirstReader;
import dev.episodic.connect.github.stream.ReviewsReader;
import dev.episodic.connect.github.stream.StreamReader;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/** Builds the readers of one repository: one per configured resource (and per branch for commits). */
final class RepositoryReaders {
    private RepositoryReaders() {
    }

    static List<StreamReader> create(final String repository, final GitHubConfig config, final GitHubClient client,
                                     final Function<String, GitHubCursor> cursors) {
        String path = "/repos/" + repository;
        int page = config.pageSize();
        Optional<Instant> since = config.since();
        List<StreamReader> readers = new ArrayList<>();
        for (Resource resource : config.resources()) {
            String stream = StreamNames.of(repository, resource);
            switch (resource) {
                case COMMITS -> {
                    List<String> branches = config.branches().isEmpty()
                            ? Collections.singletonList(null) : config.branches();
                    for (String branch : branches) {
                        String s = StreamNames.commits(repository, branch);
                        readers.add(new CommitsReader(s, repository, client, page, cursors.apply(s), path, branch, since));
                    }
                }
                case ISSUES -> readers.add(new AscendingReader(stream, repository, client, page, cursors.apply(stream),
                        path + "/issues?state=all", since, GitHubEvents::issue, path));
                case ISSUE_COMMENTS -> readers.add(new AscendingReader(stream, repository, client, page,
                        cursors.apply(stream), path + "/issues/comments", since, GitHubEvents::issueComment, null));
                case REVIEW_COMMENTS -> readers.add(new AscendingReader(stream, repository, client, page,
                        cursors.apply(stream), path + "/pulls/comments", since, GitHubEvents::reviewComment, null));
                case PULL_REQUESTS -> readers.add(new NewestFirstReader(stream, repository, client, page,
                        cursors.apply(stream), path + "/pulls?state=all&sort=updated&direction=desc", since,
                        GitHubEvents::pullRequest, path));
                case RELEASES -> readers.add(new NewestFirstReader(stream, repository, client, page,
                        cursors.apply(stream), path + "/releases", since, GitHubEvents::release, null));
                case EVENTS -> readers.add(new NewestFirstReader(stream, repository, client, page,
                        cursors.apply(stream), path + "/events", since, GitHubEvents::repositoryEvent, null));
                case PULL_REQUEST_REVIEWS -> readers.add(new ReviewsReader(stream, repository, client, page,
                        cursors.apply(stream), path, since));
                default -> throw new IllegalStateException("unhandled resource " + resource);
            }
        }
        return readers;
    }
}
