package io.dialgate.callbacks;

import io.dialgate.redis.LuaScript;
import io.dialgate.redis.RedisReplies;
import io.dialgate.redis.RedisScripts;
import io.dialgate.redis.TenantKeys;
import io.dialgate.tenant.CallbackSubscription;
import io.dialgate.tenant.Tenant;
import io.vertx.mutiny.redis.client.Response;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** The callback queue's Redis operations: lease due events, record attempts, list and replay dead letters. */
@ApplicationScoped
public class CallbackStore {

    /** Identifies this instance in leases. */
    private final String owner = "cb-" + UUID.randomUUID().toString().substring(0, 8);

    private final RedisScripts redis;
    private final CallbacksConfig delivery;
    private final CallbackScriptArgs scriptArgs;

    public CallbackStore(RedisScripts redis, CallbacksConfig delivery, CallbackScriptArgs scriptArgs) {
        this.redis = redis;
        this.delivery = delivery;
        this.scriptArgs = scriptArgs;
    }

    /** What one claim round found; times are Redis time (ms), {@code nextDueMillis} -1 when nothing waits. */
    record Claim(List<QueuedCallback> events, long nextDueMillis, int reclaimedLeases, long queued, long nowMillis) {}

    Claim claim(String tenant, int max) {
        TenantKeys keys = new TenantKeys(tenant);
        Response reply = redis.run(
                LuaScript.CLAIM_CALLBACKS,
                keys,
                List.of(keys.callbacksReady(), keys.callbacksInFlight(), keys.callbacksQueued()),
                List.of(Integer.toString(max), Long.toString(delivery.lease().toMillis()), owner));
        List<QueuedCallback> events = new ArrayList<>();
        for (Response claim : reply.get(0)) {
            events.add(QueuedCallback.of(
                    claim.get(0).toString(),
                    claim.get(1).toString(),
                    claim.get(2).toString(),
                    RedisReplies.hash(claim.get(3))));
        }
        return new Claim(
                events,
                reply.get(1).toLong(),
                reply.get(2).toInteger(),
                reply.get(3).toLong(),
                reply.get(4).toLong());
    }

    /** What {@link #complete} recorded. */
    enum Recorded {
        DELIVERED,
        RETRY,
        DEAD,
        DEFERRED,
        LOST
    }

    Recorded complete(Tenant tenant, QueuedCallback event, AttemptResult result, Duration retryDelay) {
        TenantKeys keys = new TenantKeys(tenant.name());
        String outcome = "DELIVERED";
        Duration delay = Duration.ZERO;
        String error = "";
        if (result instanceof AttemptResult.Failed failed) {
            outcome = "FAILED";
            delay = retryDelay;
            error = failed.reason();
        } else if (result instanceof AttemptResult.NotSent notSent) {
            outcome = "DEFER";
            delay = notSent.delay();
        }
        Duration retryFor =
                tenant.callbacks().map(CallbackSubscription::retryFor).orElse(Duration.ZERO);
        String recorded = redis.run(
                        LuaScript.COMPLETE_CALLBACK,
                        keys,
                        List.of(
                                keys.callback(event.id()),
                                keys.callbackQueue(event.member()),
                                keys.callbacksReady(),
                                keys.callbacksInFlight(),
                                keys.callbackDeadLetters(),
                                keys.callbacksQueued()),
                        List.of(
                                event.member(),
                                event.id(),
                                event.lease(),
                                outcome,
                                Long.toString(delay.toMillis()),
                                error,
                                Long.toString(retryFor.toMillis()),
                                Long.toString(delivery.deadLetterRetention().toMillis())))
                .toString();
        return Recorded.valueOf(recorded.toUpperCase(Locale.ROOT));
    }

    /**
     * Takes one send from the tenant's callback budget (rate-budget.lua, shared by every instance); empty when the
     * send may go now, else how long until one is free (nothing reserved).
     */
    Optional<Duration> takeBudget(Tenant tenant, CallbackSubscription subscription) {
        TenantKeys keys = new TenantKeys(tenant.name());
        double interval = 60_000.0 / subscription.sendsPerMinute();
        int burst = Math.max(1, subscription.sendsPerMinute() / 10);
        long wait = redis.run(
                        LuaScript.RATE_BUDGET,
                        keys,
                        List.of(keys.callbackBudget(), keys.pause()),
                        // "0": a pause of the tenant's Genesys calls does not hold its callbacks to the CRM
                        List.of(String.format(Locale.ROOT, "%.3f", interval), Integer.toString(burst), "0", "0"))
                .toLong();
        return wait < 0 ? Optional.of(Duration.ofMillis(-wait)) : Optional.empty();
    }

    /** One page of the tenant's callback dead letters, newest first. */
    CallbackDeadLetterPage deadLetters(Tenant tenant, long offset, int limit) {
        TenantKeys keys = new TenantKeys(tenant.name());
        long total = redis.command("ZCARD", keys.callbackDeadLetters()).toLong();
        List<StoredDeadLetter> items = new ArrayList<>();
        for (Response id : redis.command(
                "ZREVRANGE", keys.callbackDeadLetters(), Long.toString(offset), Long.toString(offset + limit - 1))) {
            Map<String, String> fields = RedisReplies.hash(redis.command("HGETALL", keys.callback(id.toString())));
            if (!fields.isEmpty()) {
                items.add(new StoredDeadLetter(id.toString(), fields));
            }
        }
        return new CallbackDeadLetterPage(items, total, offset + limit < total ? offset + limit : null);
    }

    /** A dead letter as stored: its id and the fields of its {@code cb:} record. */
    record StoredDeadLetter(String id, Map<String, String> fields) {}

    /** A page of dead letters; {@code next} is the offset of the following page, null on the last one. */
    record CallbackDeadLetterPage(List<StoredDeadLetter> items, long total, Long next) {}

    /** How a replay request ended. */
    sealed interface Replay {
        record Queued(String id) implements Replay {}

        record NotFound(String id) implements Replay {}

        record NotDeadLettered(String id) implements Replay {}
    }

    Replay replay(Tenant tenant, String id) {
        TenantKeys keys = new TenantKeys(tenant.name());
        long ttl = tenant.callbacks()
                .map(scriptArgs::safetyTtl)
                .orElse(delivery.deadLetterRetention())
                .toMillis();
        String result = redis.run(
                        LuaScript.RETRY_CALLBACK,
                        keys,
                        List.of(
                                keys.callback(id),
                                keys.callbackDeadLetters(),
                                keys.callbacksReady(),
                                keys.callbacksInFlight(),
                                keys.callbacksQueued()),
                        List.of(id, Long.toString(ttl)))
                .toString();
        return switch (result) {
            case "QUEUED" -> new Replay.Queued(id);
            case "NOT_DEAD" -> new Replay.NotDeadLettered(id);
            default -> new Replay.NotFound(id);
        };
    }
}
