package dev.episodic.connect.common.testkit.github;

import java.util.Map;
import java.util.function.Predicate;

/**
 * An answer the {@link FakeGitHub} serves instead of its model's, once, to the next request whose path matches:
 * a status with headers and body (429 with Retry-After, a 502 of a storm, a 200 whose body is not JSON), or a
 * stall that holds the request for {@code stallMillis} before answering from the model, so a client's read
 * timeout fires first.
 *
 * @param status      the status served (ignored by a stall)
 * @param headers     headers added to the answer
 * @param body        the body served
 * @param matches     which request paths it applies to
 * @param stallMillis how long a stall holds the request; 0 for an answer
 */
public record FakeFault(int status, Map<String, String> headers, String body, Predicate<String> matches,
                        long stallMillis) {

    /** Any path. */
    public static final Predicate<String> ANY = p -> true;

    /** Answers {@code status} with {@code headers} and {@code body} to the next request of any path. */
    public static FakeFault answer(final int status, final Map<String, String> headers, final String body) {
        return new FakeFault(status, headers, body, ANY, 0);
    }

    /** Holds the next request of any path for {@code millis}, then answers it from the model. */
    public static FakeFault stall(final long millis) {
        return new FakeFault(200, Map.of(), "", ANY, millis);
    }

    /** The same fault, for paths that {@code paths} accepts only. */
    public FakeFault on(final Predicate<String> paths) {
        return new FakeFault(status, headers, body, paths, stallMillis);
    }

    public boolean isStall() {
        return stallMillis > 0;
    }
}
