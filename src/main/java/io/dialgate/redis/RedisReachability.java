package io.dialgate.redis;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Whether Redis answered lately. Once a call got no answer (a refused or reset connection, a timeout), dialgate knows
 * Redis is away: further calls are refused at once ({@link StoreUnavailableException}, 503 + {@code Retry-After})
 * instead of each waiting out {@code quarkus.redis.timeout}, and one call in every {@link #TRIAL_INTERVAL} still goes
 * to Redis to learn when it is back. Any answer from Redis, an error answer included, ends that at once. Nothing is
 * sent for a refused call, so a refusal stores nothing.
 */
final class RedisReachability {

    /** How often, while Redis is away, one call still tries it: how soon after its return dialgate uses it again. */
    static final Duration TRIAL_INTERVAL = Duration.ofMillis(250);

    private final long trialIntervalNanos;
    /** When the next trial may go, in {@link System#nanoTime()} terms; meaningful only while {@link #away}. */
    private final AtomicLong nextTrial = new AtomicLong();

    private volatile boolean away;

    RedisReachability() {
        this(TRIAL_INTERVAL);
    }

    RedisReachability(Duration trialInterval) {
        this.trialIntervalNanos = trialInterval.toNanos();
    }

    /**
     * Lets a call go to Redis, or refuses it at once while Redis is away and the call is not the next trial.
     *
     * @throws StoreUnavailableException without sending anything
     */
    void admit(String command) {
        if (!away) {
            return;
        }
        long now = System.nanoTime();
        long next = nextTrial.get();
        if (now - next >= 0 && nextTrial.compareAndSet(next, now + trialIntervalNanos)) {
            return;
        }
        throw new StoreUnavailableException("Redis did not answer lately; " + command + " not sent", null);
    }

    /** Redis answered (a reply or an error reply): it is there. */
    void answered() {
        away = false;
    }

    /** A call got no answer: Redis is away until a later call is answered. */
    void unanswered() {
        if (!away) {
            nextTrial.set(System.nanoTime() + trialIntervalNanos);
            away = true;
        }
    }

    boolean away() {
        return away;
    }
}
