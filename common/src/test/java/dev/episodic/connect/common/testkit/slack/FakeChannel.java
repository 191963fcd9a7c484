package dev.episodic.connect.common.testkit.slack;

import java.util.HashMap;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/** One channel of the fake: top-level messages by ts, and each thread's replies by parent ts. */
public final class FakeChannel {
    final String id;
    final String name;
    final NavigableMap<FakeTs, FakeMessage> messages = new TreeMap<>();
    final Map<FakeTs, NavigableMap<FakeTs, FakeMessage>> replies = new HashMap<>();
    volatile boolean member = true;

    FakeChannel(final String id, final String name) {
        this.id = id;
        this.name = name;
    }

    public String id() {
        return id;
    }

    public String name() {
        return name;
    }

    /** Removes the app from the channel: reads answer {@code not_in_channel}. */
    public void kickApp() {
        member = false;
    }

    /** Invites the app back. */
    public void inviteApp() {
        member = true;
    }

    NavigableMap<FakeTs, FakeMessage> thread(final FakeTs parent) {
        return replies.get(parent);
    }
}
