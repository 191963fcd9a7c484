package dev.episodic.connect.common.testkit.github;

/**
 * One request the {@link FakeGitHub} answered: path and query, the {@code If-None-Match} it carried (null when
 * unconditional), the status served and when it was answered (epoch ms). A 304 costs no quota, as on GitHub.
 */
public record FakeRequest(String pathAndQuery, String ifNoneMatch, int status, long atMillis) {

    public String path() {
        int q = pathAndQuery.indexOf('?');
        return q < 0 ? pathAndQuery : pathAndQuery.substring(0, q);
    }

    public boolean conditional() {
        return ifNoneMatch != null;
    }

    public boolean notModified() {
        return status == 304;
    }
}
