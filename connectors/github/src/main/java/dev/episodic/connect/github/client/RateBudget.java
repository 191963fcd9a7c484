package dev.episodic.connect.github.client;

import dev.episodic.connect.common.task.RateLimitedException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What is left of one token's hourly quota, as GitHub last reported it, shared by every task of this worker that
 * uses the same token on the same API (GitHub counts per token, so they must share). Requests stop while
 * {@code remaining <= reserve} until the window resets, leaving the reserve for the token's other clients, and
 * while a secondary limit's pause runs. The registry key is a hash: the token itself is never kept here.
 */
public final class RateBudget {
    private static final Map<String, RateBudget> SHARED = new ConcurrentHashMap<>();

    private long remaining = -1;
    private long limit = -1;
    private Instant resetAt = Instant.EPOCH;
    private Instant pausedUntil = Instant.EPOCH;

    /** The budget shared by all clients of {@code token} against {@code apiUrl} in this JVM. */
    public static RateBudget shared(final String apiUrl, final String token) {
        return SHARED.computeIfAbsent(apiUrl + "#" + sha256(token), k -> new RateBudget());
    }

    /** Throws when a request now would break a limit or eat into the reserve; returns otherwise. */
    public synchronized void admit(final Instant now, final long reserve) {
        if (now.isBefore(pausedUntil)) {
            throw new RateLimitedException("GitHub secondary rate limit: pausing all requests of this token for "
                    + Duration.between(now, pausedUntil).toSeconds() + " s more", Duration.between(now, pausedUntil));
        }
        if (remaining >= 0 && remaining <= reserve && now.isBefore(resetAt)) {
            Duration wait = Duration.between(now, resetAt).plusSeconds(1);
            throw new RateLimitedException("GitHub quota of this token is down to " + remaining + " of " + limit
                    + " requests, at or below github.rate.limit.reserve=" + reserve + "; waiting " + wait.toSeconds()
                    + " s for the window to reset at " + resetAt, wait);
        }
    }

    /** Records the quota headers of any answer (a 304 reports the quota too, unchanged). */
    public synchronized void observe(final long remainingNow, final long limitNow, final Instant reset) {
        if (reset.isAfter(resetAt) || remainingNow < remaining || remaining < 0) {
            this.remaining = remainingNow;
        }
        if (limitNow >= 0) {
            this.limit = limitNow;
        }
        if (reset.isAfter(resetAt)) {
            this.resetAt = reset;
        }
    }

    /** A secondary limit (or an exhausted primary one) pauses every request of the token until {@code until}. */
    public synchronized void pauseUntil(final Instant until) {
        if (until.isAfter(pausedUntil)) {
            pausedUntil = until;
        }
    }

    public synchronized long remaining() {
        return remaining;
    }

    private static String sha256(final String token) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 missing from the JVM", e);
        }
    }
}
