package io.dialgate.callbacks;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Exponential backoff with equal jitter between attempts of one callback: half the delay fixed, half random, so the
 * events of a CRM that was down do not all come back in the same second. The delay is kept in Redis (the contact's
 * ready time), so a retry survives the instance that scheduled it.
 */
record RetryBackoff(Duration base, Duration cap) {

    /** The delay after the given number of failed attempts (1 after the first). */
    Duration after(int failedAttempts) {
        long capMillis = cap.toMillis();
        long exponential = base.toMillis() << Math.min(Math.max(failedAttempts - 1, 0), 30);
        long delay = Math.min(capMillis, exponential <= 0 ? capMillis : exponential);
        long half = delay / 2;
        return Duration.ofMillis(half + ThreadLocalRandom.current().nextLong(half + 1));
    }
}
