package io.dialgate.writes;

import io.dialgate.genesys.LoginTrouble;
import io.dialgate.genesys.TenantConditions;
import io.dialgate.redis.LuaScript;
import io.dialgate.redis.RedisScripts;
import io.dialgate.redis.TenantKeys;
import io.dialgate.tenant.Tenant;
import io.vertx.mutiny.redis.client.Response;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.List;

/**
 * Reads a tenant's {@link TenantStats} from Redis ({@code stats.lua}); a read and nothing else (each claim round, not
 * this, tells the instance about pauses).
 */
@ApplicationScoped
public class TenantStatsReader {

    private final RedisScripts redis;
    private final TenantConditions conditions;

    public TenantStatsReader(RedisScripts redis, TenantConditions conditions) {
        this.redis = redis;
        this.conditions = conditions;
    }

    public TenantStats read(Tenant tenant) {
        TenantKeys keys = new TenantKeys(tenant.name());
        Response reply = redis.run(
                LuaScript.STATS, keys, List.of(keys.counts(), keys.heldSince(), keys.deadLetters()), List.of());
        long oldestHeld = reply.get(4).toLong();
        long now = reply.get(5).toLong();
        long paused = reply.get(6).toLong();
        Instant pausedUntil = paused > now ? Instant.ofEpochMilli(paused) : null;
        return new TenantStats(
                reply.get(0).toLong(),
                reply.get(1).toLong(),
                reply.get(2).toLong(),
                reply.get(3).toLong(),
                oldestHeld < 0 ? null : Math.max(0, (now - oldestHeld) / 1000),
                pausedUntil,
                conditions
                        .of(tenant.name())
                        .loginTrouble()
                        .map(LoginTrouble::description)
                        .orElse(null));
    }
}
