package io.dialgate.genesys;

import io.dialgate.redis.LuaScript;
import io.dialgate.redis.RedisScripts;
import io.dialgate.redis.TenantKeys;
import io.dialgate.tenant.Tenant;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Each tenant's Genesys API budget ({@code genesys.requests-per-minute}), shared by every instance through Redis
 * ({@code rate-budget.lua}, GCRA). Every call takes from it — token, GET and PUT — and calls are paced evenly: in any
 * 10-second window at most a sixth of the per-minute budget plus a burst of a tenth of it.
 */
@ApplicationScoped
public class RateBudget {

    /** Longest an apply thread waits for its turn; beyond that the contact goes back to wait in Redis instead. */
    static final Duration LONGEST_WAIT = Duration.ofSeconds(2);

    private final RedisScripts redis;

    public RateBudget(RedisScripts redis) {
        this.redis = redis;
    }

    /**
     * Reserves the next call of the tenant and waits for its turn. Empty when the call may be made now; else how long
     * until a call could be made — nothing was reserved, and the caller should not call.
     */
    public Optional<Duration> take(Tenant tenant) {
        TenantKeys keys = new TenantKeys(tenant.name());
        double interval = 60_000.0 / tenant.requestsPerMinute();
        int burst = Math.max(1, tenant.requestsPerMinute() / 10);
        long wait = redis.run(
                        LuaScript.RATE_BUDGET,
                        keys,
                        List.of(keys.budget()),
                        List.of(
                                String.format(java.util.Locale.ROOT, "%.3f", interval),
                                Integer.toString(burst),
                                Long.toString(LONGEST_WAIT.toMillis())))
                .toLong();
        if (wait < 0) {
            return Optional.of(Duration.ofMillis(-wait));
        }
        if (wait > 0) {
            sleep(wait);
        }
        return Optional.empty();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
