package io.dialgate.redis;

/**
 * The atomic operations dialgate runs in Redis, one Lua script each under {@code src/main/resources/lua/}. Each
 * script's header states its KEYS, ARGV and return value, one a line (see docs/DESIGN.md, "Scripts").
 */
public enum LuaScript {
    ACCEPT_WRITE("accept-write.lua"),
    ACCEPT_BATCH("accept-batch.lua"),
    APPLY_EVENT("apply-event.lua"),
    PARK_EVENT("park-event.lua"),
    CLAIM("claim.lua"),
    COMPLETE("complete.lua"),
    RENEW_LEASE("renew-lease.lua"),
    OWN_FIELDS("own-fields.lua"),
    RATE_BUDGET("rate-budget.lua"),
    PAUSE_TENANT("pause-tenant.lua"),
    RETRY_DEAD_LETTER("retry-dead-letter.lua"),
    STATS("stats.lua"),
    CLAIM_CALLBACKS("claim-callbacks.lua"),
    COMPLETE_CALLBACK("complete-callback.lua"),
    RETRY_CALLBACK("retry-callback.lua"),
    NOTIFICATIONS_LEASE("notifications-lease.lua"),
    RECONCILE_DIAL("reconcile-dial.lua"),
    HOLD_CHECK("hold-check.lua");

    private final String file;

    LuaScript(String file) {
        this.file = file;
    }

    String resource() {
        return "lua/" + file;
    }
}
