package io.dialgate.simulator;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Per-OAuth-client request limit. It uses a sliding window (the last {@code window} of admitted
 * requests) rather than fixed minute buckets: that is at least as strict as Genesys, so a client
 * that passes here also passes there, and it agrees with {@link RequestLog#maxRequestsInAnyWindow}.
 * Rejected requests are not counted against the limit.
 */
public final class SimulatedRateLimit {

    /**
     * The outcome for one request.
     *
     * @param count        admitted requests in the current window, including this one when allowed
     * @param resetSeconds seconds until the oldest admitted request leaves the window (the Retry-After when rejected)
     */
    public record Decision(boolean allowed, int count, int limit, long resetSeconds) {}

    private final Map<String, ArrayDeque<Long>> admittedByClient = new ConcurrentHashMap<>();
    private final long windowNanos;
    private volatile int limit;

    SimulatedRateLimit(int limit, Duration window) {
        this.limit = limit;
        this.windowNanos = window.toNanos();
    }

    Decision tryAcquire(String clientId) {
        ArrayDeque<Long> admitted = admittedByClient.computeIfAbsent(clientId, id -> new ArrayDeque<>());
        long now = System.nanoTime();
        synchronized (admitted) {
            while (!admitted.isEmpty() && now - admitted.peekFirst() >= windowNanos) {
                admitted.pollFirst();
            }
            int currentLimit = limit;
            boolean allowed = admitted.size() < currentLimit;
            if (allowed) {
                admitted.addLast(now);
            }
            long oldest = admitted.isEmpty() ? now : admitted.peekFirst();
            long remainingNanos = Math.max(0, oldest + windowNanos - now);
            long resetSeconds = Math.max(1, (remainingNanos + 999_999_999L) / 1_000_000_000L);
            return new Decision(allowed, admitted.size(), currentLimit, resetSeconds);
        }
    }

    /** Changes the limit at runtime; applies to the next request. */
    public void setRequestsPerWindow(int requests) {
        if (requests < 1) {
            throw new IllegalArgumentException("limit must be positive");
        }
        this.limit = requests;
    }

    public int requestsPerWindow() {
        return limit;
    }

    public Duration window() {
        return Duration.ofNanos(windowNanos);
    }

    void clear() {
        admittedByClient.clear();
    }
}
