package dev.episodic.connect.github;

import com.fasterxml.jackson.databind.JsonNode;
import dev.episodic.connect.github.client.GitHubApiException;
import dev.episodic.connect.github.client.GitHubClient;
import dev.episodic.connect.github.client.GitHubResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * Turns {@code github.repositories} into concrete {@code owner/name}s: {@code owner/*} lists the organisation's
 * repositories ({@code /orgs/{owner}/repos}), or the user's ({@code /users/{owner}/repos}) when the owner is no
 * organisation. Archived repositories are kept (their history is still history). The result is sorted, so the
 * task split is stable between resolutions.
 */
final class RepositoryResolver {
    private final GitHubClient client;
    private final int pageSize;

    RepositoryResolver(final GitHubClient client, final int pageSize) {
        this.client = client;
        this.pageSize = pageSize;
    }

    List<String> resolve(final List<RepoName> configured) throws InterruptedException {
        TreeSet<String> result = new TreeSet<>();
        for (RepoName repo : configured) {
            if (repo.wildcard()) {
                result.addAll(listOwner(repo.owner()));
            } else {
                result.add(repo.fullName());
            }
        }
        return new ArrayList<>(result);
    }

    List<String> listOwner(final String owner) throws InterruptedException {
        try {
            return list("/orgs/" + owner + "/repos?type=all&per_page=" + pageSize);
        } catch (GitHubApiException e) {
            if (!e.isNotFound()) {
                throw e;
            }
            return list("/users/" + owner + "/repos?type=owner&per_page=" + pageSize);
        }
    }

    private List<String> list(final String first) throws InterruptedException {
        List<String> names = new ArrayList<>();
        String next = first;
        while (next != null) {
            GitHubResponse page = client.get(next, null);
            for (JsonNode repo : page.body()) {
                String fullName = repo.path("full_name").asText("");
                if (!fullName.isEmpty()) {
                    names.add(fullName);
                }
            }
            next = page.nextLink();
        }
        return names;
    }
}
