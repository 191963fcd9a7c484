package dev.episodic.connect.github;

import dev.episodic.connect.common.testkit.github.FakeGitHub;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** What every task test against the fake GitHub sets up: a fresh fake per test, and the task closed after it. */
abstract class FakeGitHubTaskTest {
    /** A token no log, error, event or offset may show; unique per run so a leak is found by a plain search. */
    protected static final String TOKEN = "ghp_tasktest_" + Long.toHexString(System.nanoTime());

    protected FakeGitHub github;
    protected TaskHarness harness;

    @BeforeEach
    final void startGitHub() throws Exception {
        github = FakeGitHub.start(TOKEN);
    }

    @AfterEach
    final void stopTaskAndGitHub() {
        if (harness != null) {
            harness.close();
        }
        github.close();
    }

    /** Starts the task with {@code props}; it is closed after the test. */
    protected final TaskHarness run(final Map<String, String> props) {
        harness = new TaskHarness(props);
        harness.start();
        return harness;
    }
}
