package io.dialgate.dispatch;

import io.dialgate.redis.LuaScript;
import io.dialgate.redis.RedisReplies;
import io.dialgate.redis.RedisScripts;
import io.dialgate.redis.TenantKeys;
import io.vertx.mutiny.redis.client.Response;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** The dispatcher's Redis operations: claim ready contacts under a lease, and record how each apply ended. */
@ApplicationScoped
public class DispatchStore {

    /** Identifies this instance in leases, so a lease can be told apart from one another instance holds. */
    private final String owner = UUID.randomUUID().toString().substring(0, 8);

    private final RedisScripts redis;
    private final DispatchConfig config;
    private final WriteRecordRetention retention;

    public DispatchStore(RedisScripts redis, DispatchConfig config, WriteRecordRetention retention) {
        this.redis = redis;
        this.config = config;
        this.retention = retention;
    }

    /**
     * What one claim round found. {@code nextDueMillis} is Redis time, or -1 when nothing is waiting;
     * {@code pausedUntil} is when the tenant's pause ends as Redis holds it (whichever instance started it), or the
     * epoch when it is not paused.
     */
    record Claim(
            List<ClaimedContact> contacts,
            long nextDueMillis,
            long nowMillis,
            int reclaimedLeases,
            int activeDialTtlEnds,
            int postCallGraceEnds,
            Instant pausedUntil) {}

    Claim claim(String tenant, int max) {
        TenantKeys keys = new TenantKeys(tenant);
        Response reply = redis.run(
                LuaScript.CLAIM,
                keys,
                List.of(keys.ready(), keys.held(), keys.inFlightSet()),
                List.of(Integer.toString(max), Long.toString(config.lease().toMillis()), owner));
        List<ClaimedContact> contacts = new ArrayList<>();
        for (Response claim : reply.get(0)) {
            List<String> ids = new ArrayList<>();
            claim.get(3).forEach(id -> ids.add(id.toString()));
            contacts.add(ClaimedContact.of(
                    claim.get(0).toString(), claim.get(1).toString(), RedisReplies.hash(claim.get(2)), ids));
        }
        long now = reply.get(5).toLong();
        long pausedUntil = reply.get(6).toLong();
        return new Claim(
                contacts,
                reply.get(1).toLong(),
                now,
                reply.get(2).toInteger(),
                reply.get(3).toInteger(),
                reply.get(4).toInteger(),
                pausedUntil > now ? Instant.ofEpochMilli(pausedUntil) : Instant.EPOCH);
    }

    /** Why a contact of a bulk batch is left out of its upsert at the last moment. */
    enum HoldReason {
        /** It went into an active dial after it was claimed. */
        DIAL,
        /** Its lease expired and another instance took it back. */
        LEASE
    }

    /** The contacts of a batch that must not be sent now ({@code hold-check.lua}), by member. */
    java.util.Map<String, HoldReason> holdCheck(String tenant, List<ClaimedContact> contacts) {
        TenantKeys keys = new TenantKeys(tenant);
        List<String> args = new ArrayList<>();
        for (ClaimedContact contact : contacts) {
            args.add(contact.member());
            args.add(contact.lease());
        }
        java.util.Map<String, HoldReason> held = new java.util.HashMap<>();
        for (Response entry : redis.run(LuaScript.HOLD_CHECK, keys, List.of(keys.inFlightSet()), args)) {
            held.put(
                    entry.get(0).toString(),
                    "dial".equals(entry.get(1).toString()) ? HoldReason.DIAL : HoldReason.LEASE);
        }
        return held;
    }

    /** Records an apply's outcome; false when the lease had expired and another instance took the contact back. */
    boolean complete(String tenant, ClaimedContact contact, ApplyOutcome outcome) {
        TenantKeys keys = new TenantKeys(tenant);
        String result = redis.run(
                        LuaScript.COMPLETE,
                        keys,
                        List.of(
                                keys.inFlight(contact.member()),
                                keys.inFlightIds(contact.member()),
                                keys.dial(contact.member())),
                        List.of(
                                contact.member(),
                                contact.lease(),
                                outcome.kind().name(),
                                Long.toString(outcome.delay().toMillis()),
                                outcome.errorJson(),
                                Long.toString(retention.writeRetention().toMillis())))
                .toString();
        return !"lost".equals(result);
    }
}
