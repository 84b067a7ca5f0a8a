package io.dialgate.genesys;

import io.dialgate.redis.LuaScript;
import io.dialgate.redis.RedisScripts;
import io.dialgate.redis.TenantKeys;
import io.dialgate.tenant.Tenant;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Each tenant's Genesys API budget ({@code genesys.requests-per-minute}), shared by every instance through Redis
 * ({@code rate-budget.lua}, GCRA). Every call takes from it — token, GET, PUT, bulk read, upsert — and calls are paced
 * evenly ({@link Pace}): never more than the per-minute budget in any 60 s, the burst included.
 */
@ApplicationScoped
public class RateBudget {

    /** Longest an apply thread waits for its turn; beyond that the contact goes back to wait in Redis instead. */
    static final Duration LONGEST_WAIT = Duration.ofSeconds(2);

    private static final Duration MINUTE = Duration.ofMinutes(1);

    private final RedisScripts redis;

    public RateBudget(RedisScripts redis) {
        this.redis = redis;
    }

    /**
     * How a budget of {@code requestsPerMinute} is spent: a burst of a tenth of it, then one call every
     * {@code intervalMillis}. GCRA lets at most {@code burst + ceil(W / interval) - 1} calls into any window W, so the
     * interval is a minute over {@code requestsPerMinute - burst}: a saturated minute holds at most one call less than
     * the budget, which leaves room for a call that leaves a little late (Genesys counts arrivals, any 60 s).
     */
    record Pace(double intervalMillis, int burst) {
        static Pace of(int requestsPerMinute) {
            int burst = Math.max(1, requestsPerMinute / 10);
            int steady = Math.max(1, requestsPerMinute - burst);
            return new Pace((double) MINUTE.toMillis() / steady, burst);
        }
    }

    /**
     * Reserves the next call of the tenant and waits for its turn. Empty when the call may be made now; else how long
     * until a call could be made — nothing was reserved, and the caller should not call.
     */
    public Optional<Duration> take(Tenant tenant) {
        long wait = reserve(tenant.name(), Pace.of(tenant.requestsPerMinute()), LONGEST_WAIT);
        if (wait < 0) {
            return Optional.of(Duration.ofMillis(-wait));
        }
        if (wait > 0) {
            sleep(wait);
        }
        return Optional.empty();
    }

    /**
     * One turn of {@code rate-budget.lua}: the wait (ms) before the reserved call may be made, or minus the wait when it
     * exceeds {@code longestWait} (nothing reserved).
     */
    long reserve(String tenant, Pace pace, Duration longestWait) {
        TenantKeys keys = new TenantKeys(tenant);
        return redis.run(
                        LuaScript.RATE_BUDGET,
                        keys,
                        List.of(keys.budget(), keys.pause()),
                        List.of(
                                String.format(Locale.ROOT, "%.3f", pace.intervalMillis()),
                                Integer.toString(pace.burst()),
                                Long.toString(longestWait.toMillis()),
                                "1"))
                .toLong();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
