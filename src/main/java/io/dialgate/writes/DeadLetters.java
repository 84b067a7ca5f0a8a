package io.dialgate.writes;

import io.dialgate.dispatch.WakeUps;
import io.dialgate.redis.LuaScript;
import io.dialgate.redis.RedisScripts;
import io.dialgate.redis.TenantKeys;
import io.dialgate.tenant.Tenant;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.List;

/** The tenant's dead letters ({@code dead} zset): listing them and retrying one. */
@ApplicationScoped
public class DeadLetters {

    private final RedisScripts redis;
    private final WritesConfig config;
    private final WriteStore writes;
    private final WakeUps wakeUps;

    public DeadLetters(RedisScripts redis, WriteStore writes, WakeUps wakeUps, WritesConfig config) {
        this.config = config;
        this.redis = redis;
        this.writes = writes;
        this.wakeUps = wakeUps;
    }

    DeadLettersResource.Page page(Tenant tenant, long offset, int limit) {
        TenantKeys keys = new TenantKeys(tenant.name());
        long total = redis.command("ZCARD", keys.deadLetters()).toLong();
        List<WriteStatus> items = new ArrayList<>();
        redis.command("ZREVRANGE", keys.deadLetters(), Long.toString(offset), Long.toString(offset + limit - 1))
                .forEach(id -> writes.status(tenant, id.toString()).ifPresent(items::add));
        Long next = offset + limit < total ? offset + limit : null;
        return new DeadLettersResource.Page(items, total, next);
    }

    AcceptedWrite retry(Tenant tenant, String writeId) {
        TenantKeys keys = new TenantKeys(tenant.name());
        String result = redis.run(
                        LuaScript.RETRY_DEAD_LETTER,
                        keys,
                        List.of(keys.write(writeId), keys.deadLetters()),
                        List.of(writeId, Long.toString(config.retention().toMillis())))
                .toString();
        switch (result) {
            case "NOT_FOUND":
                throw new UnknownWriteException(writeId);
            case "NOT_FAILED":
                throw new WriteNotFailedException(writeId);
            default:
                WriteState state = WriteState.valueOf(result);
                if (state == WriteState.QUEUED) {
                    wakeUps.wake(tenant.name());
                }
                return new AcceptedWrite(writeId, state);
        }
    }
}
