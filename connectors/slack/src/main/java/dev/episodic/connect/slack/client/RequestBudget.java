package dev.episodic.connect.slack.client;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;

/**
 * At most {@code perMinute} requests per Slack method in any sliding minute. Slack rate-limits per method and per
 * workspace, so each method has its own window; a request beyond the budget is refused with the wait until a
 * slot frees, instead of being sent and answered with 429.
 */
public final class RequestBudget {
    private static final long WINDOW_MS = 60_000L;

    private final int perMinute;
    private final Clock clock;
    private final Map<String, Deque<Long>> sent = new HashMap<>();

    public RequestBudget(final int perMinute, final Clock clock) {
        if (perMinute < 1) {
            throw new IllegalArgumentException("requests per minute must be >= 1");
        }
        this.perMinute = perMinute;
        this.clock = clock;
    }

    /** Takes one slot for {@code method}, or throws with the wait until one frees. */
    public synchronized void acquire(final String method) {
        long now = clock.millis();
        Deque<Long> times = sent.computeIfAbsent(method, m -> new ArrayDeque<>());
        while (!times.isEmpty() && times.peekFirst() <= now - WINDOW_MS) {
            times.pollFirst();
        }
        if (times.size() >= perMinute) {
            throw new BudgetSpentException(method, Duration.ofMillis(times.peekFirst() + WINDOW_MS - now));
        }
        times.addLast(now);
    }

    /** Slots left for {@code method} in the current window. */
    public synchronized int available(final String method) {
        long now = clock.millis();
        Deque<Long> times = sent.getOrDefault(method, new ArrayDeque<>());
        long inWindow = times.stream().filter(t -> t > now - WINDOW_MS).count();
        return (int) Math.max(0, perMinute - inWindow);
    }
}
