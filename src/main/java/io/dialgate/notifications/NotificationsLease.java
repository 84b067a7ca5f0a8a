package io.dialgate.notifications;

import io.dialgate.redis.LuaScript;
import io.dialgate.redis.RedisScripts;
import io.dialgate.redis.TenantKeys;
import io.dialgate.tenant.Tenant;
import io.vertx.mutiny.redis.client.Response;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.util.List;

/** The per-tenant lease that decides which pod runs the tenant's channels and reconciliation (notifications-lease.lua). */
@ApplicationScoped
class NotificationsLease {

    private final RedisScripts redis;

    NotificationsLease(RedisScripts redis) {
        this.redis = redis;
    }

    /** What the lease script answered: whether this pod holds it, who does, its epoch, and how long it still runs. */
    record State(boolean held, String holder, long epoch, Duration left) {}

    State hold(Tenant tenant, String pod, Duration length) {
        return call(tenant, pod, length, "hold");
    }

    void release(Tenant tenant, String pod, Duration length) {
        call(tenant, pod, length, "release");
    }

    private State call(Tenant tenant, String pod, Duration length, String mode) {
        TenantKeys keys = new TenantKeys(tenant.name());
        Response reply = redis.run(
                LuaScript.NOTIFICATIONS_LEASE,
                keys,
                List.of(keys.notificationsLease()),
                List.of(pod, Long.toString(length.toMillis()), mode));
        return new State(
                reply.get(0).toInteger() == 1,
                reply.get(1).toString(),
                reply.get(2).toLong(),
                Duration.ofMillis(Math.max(0, reply.get(3).toLong())));
    }
}
