package io.dialgate.dispatch;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Exponential backoff with "equal jitter": half the delay is fixed so a retry never comes too soon, half random so
 * the contacts refused in one burst do not all come back in the same millisecond. The delay lives in Redis as the
 * contact's ready time rather than in a sleeping thread, so a retry survives the instance that scheduled it — which is
 * why this is not a MicroProfile {@code @Retry}.
 */
record Backoff(Duration base, Duration cap) {

    /** After a 409 (the contact is in use): up to {@code dispatch.busy-backoff-cap}. */
    static Backoff busy(DispatchConfig config) {
        return new Backoff(config.backoffBase(), config.busyBackoffCap());
    }

    /** After a failing Genesys (5xx, 429, no answer): up to {@code dispatch.error-backoff-cap}. */
    static Backoff error(DispatchConfig config) {
        return new Backoff(config.backoffBase(), config.errorBackoffCap());
    }

    Duration after(int failedAttempts) {
        long capMillis = cap.toMillis();
        long exponential = base.toMillis() << Math.min(failedAttempts, 20);
        long delay = Math.min(capMillis, exponential <= 0 ? capMillis : exponential);
        long half = delay / 2;
        return Duration.ofMillis(half + ThreadLocalRandom.current().nextLong(half + 1));
    }
}
