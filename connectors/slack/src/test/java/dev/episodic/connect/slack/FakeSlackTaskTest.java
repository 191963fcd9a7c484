package dev.episodic.connect.slack;

import dev.episodic.connect.common.testkit.slack.FakeSlack;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** What every task test against the fake Slack sets up: channel #general and three users, closed after the test. */
abstract class FakeSlackTaskTest {
    protected static final Channel GENERAL = new Channel("C1", "general");

    protected FakeSlack slack;

    @BeforeEach
    final void startSlack() throws Exception {
        // Messages start three days ago (outside the 24 h edits window); recent() moves to one hour ago.
        slack = new FakeSlack(Instant.now().minus(Duration.ofDays(3)));
        slack.channel("C1", "general");
        slack.user("U1", "Ada");
        slack.user("U2", "Grace");
        slack.user("U3", "Linus");
    }

    @AfterEach
    final void stopSlack() {
        slack.close();
    }

    /** Moves the fake's clock to one hour ago: what is posted next lies inside the edits window. */
    protected final void recent() {
        slack.jumpTo(Instant.now().minus(Duration.ofHours(1)));
    }
}
