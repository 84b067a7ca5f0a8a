package io.dialgate.dispatch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dialgate.callbacks.CallbackScriptArgs;
import io.dialgate.redis.LuaScript;
import io.dialgate.redis.RedisReplies;
import io.dialgate.redis.RedisScripts;
import io.dialgate.redis.TenantKeys;
import io.dialgate.tenant.Tenants;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Response;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** The dispatcher's Redis operations: claim ready contacts under a lease, and record how each apply ended. */
@ApplicationScoped
public class DispatchStore {

    /** Identifies this instance in leases, so a lease can be told apart from one another instance holds. */
    private final String owner = UUID.randomUUID().toString().substring(0, 8);

    private final RedisScripts redis;
    private final DispatchConfig config;
    private final WriteRecordRetention retention;
    private final Tenants tenants;
    private final CallbackScriptArgs callbacks;
    private final ObjectMapper mapper;

    public DispatchStore(
            RedisScripts redis,
            DispatchConfig config,
            WriteRecordRetention retention,
            Tenants tenants,
            CallbackScriptArgs callbacks,
            ObjectMapper mapper) {
        this.mapper = mapper;
        this.redis = redis;
        this.config = config;
        this.retention = retention;
        this.tenants = tenants;
        this.callbacks = callbacks;
    }

    /** The args {@code first}, the tenant's callback subscription (callbacks.lua), then the args {@code after}. */
    private List<String> withCallbacks(String tenant, List<String> first, String... after) {
        List<String> args = new ArrayList<>(first);
        args.addAll(tenants.find(tenant).map(callbacks::of).orElse(CallbackScriptArgs.NONE));
        args.addAll(List.of(after));
        return args;
    }

    /**
     * What one claim round found. {@code nextDueMillis} is Redis time, or -1 when nothing is waiting;
     * {@code pausedUntil} is when the tenant's pause ends as Redis holds it (whichever instance started it), or the
     * epoch when it is not paused; {@code readyBacklog} is how many contacts were left ready and unclaimed.
     */
    record Claim(
            List<ClaimedContact> contacts,
            long nextDueMillis,
            long nowMillis,
            int reclaimedLeases,
            int activeDialTtlEnds,
            int postCallGraceEnds,
            Instant pausedUntil,
            long readyBacklog) {}

    Claim claim(String tenant, int max) {
        TenantKeys keys = new TenantKeys(tenant);
        Response reply = redis.run(
                LuaScript.CLAIM,
                keys,
                List.of(keys.ready(), keys.held(), keys.inFlightSet()),
                withCallbacks(
                        tenant,
                        List.of(
                                Integer.toString(max),
                                Long.toString(config.lease().toMillis()),
                                owner)));
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
                pausedUntil > now ? Instant.ofEpochMilli(pausedUntil) : Instant.EPOCH,
                reply.get(7).toLong());
    }

    /** Why a contact is left out of its PUT or upsert at the last moment ({@code hold-check.lua}). */
    enum HoldReason {
        /** It went into an active dial after it was claimed. */
        DIAL,
        /** Its lease expired and another instance took it back. */
        LEASE
    }

    /** The contacts of an apply that must not be sent now ({@code hold-check.lua}), by member. */
    Map<String, HoldReason> holdCheck(String tenant, List<ClaimedContact> contacts) {
        TenantKeys keys = new TenantKeys(tenant);
        List<String> args = new ArrayList<>();
        for (ClaimedContact contact : contacts) {
            args.add(contact.member());
            args.add(contact.lease());
        }
        Map<String, HoldReason> held = new HashMap<>();
        for (Response entry : redis.run(LuaScript.HOLD_CHECK, keys, List.of(keys.inFlightSet()), args)) {
            held.put(
                    entry.get(0).toString(),
                    "dial".equals(entry.get(1).toString()) ? HoldReason.DIAL : HoldReason.LEASE);
        }
        return held;
    }

    /**
     * Extends the leases of the tenant's running applies by a whole lease from now, all in one script call and without
     * blocking; answers, for each contact in order, whether its lease was still this instance's (false: taken back).
     */
    Uni<List<Boolean>> renew(String tenant, List<ClaimedContact> contacts) {
        TenantKeys keys = new TenantKeys(tenant);
        List<String> args = new ArrayList<>();
        args.add(Long.toString(config.lease().toMillis()));
        for (ClaimedContact contact : contacts) {
            args.add(contact.member());
            args.add(contact.lease());
        }
        return redis.runAsync(LuaScript.RENEW_LEASE, keys, List.of(keys.inFlightSet()), args)
                .map(reply -> {
                    List<Boolean> renewed = new ArrayList<>();
                    reply.forEach(one -> renewed.add(one.toInteger() == 1));
                    return renewed;
                });
    }

    /**
     * The writes of the contact's apply in flight, oldest first, each with its own fields (own-fields.lua); empty when
     * the lease is no longer this apply's or a write's record keeps no fields of its own (written before records kept
     * them, or expired): such writes cannot be split and end together, as before.
     */
    Optional<List<OwnWrite>> ownWrites(String tenant, ClaimedContact contact) {
        TenantKeys keys = new TenantKeys(tenant);
        Response reply = redis.run(
                LuaScript.OWN_FIELDS,
                keys,
                List.of(keys.inFlight(contact.member()), keys.inFlightIds(contact.member())),
                List.of(contact.lease()));
        List<OwnWrite> writes = new ArrayList<>();
        for (int i = 0; i + 1 < reply.size(); i += 2) {
            String own = reply.get(i + 1).toString();
            if (own.isEmpty()) {
                return Optional.empty();
            }
            writes.add(new OwnWrite(reply.get(i).toString(), flatList(own)));
        }
        return writes.isEmpty() ? Optional.empty() : Optional.of(writes);
    }

    private List<String> flatList(String json) {
        try {
            List<String> fields = new ArrayList<>();
            // cjson encodes an empty table as {}: no fields
            JsonNode node = mapper.readTree(json);
            node.forEach(value -> fields.add(value.asText()));
            return fields;
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("a write record's own fields are not JSON", e);
        }
    }

    /** What complete.lua recorded. */
    enum Completion {
        /** The outcome as given. */
        RECORDED,
        /** The writes were not applied and the oldest is past {@code max-write-age}: they ended FAILED, expired. */
        EXPIRED,
        /** The lease had expired and another claim took the contact back: the outcome was dropped. */
        LOST
    }

    /** Records an apply's outcome. */
    Completion complete(String tenant, ClaimedContact contact, ApplyOutcome outcome) {
        TenantKeys keys = new TenantKeys(tenant);
        String result = redis.run(
                        LuaScript.COMPLETE,
                        keys,
                        List.of(
                                keys.inFlight(contact.member()),
                                keys.inFlightIds(contact.member()),
                                keys.dial(contact.member())),
                        withCallbacks(
                                tenant,
                                List.of(
                                        contact.member(),
                                        contact.lease(),
                                        outcome.kind().name(),
                                        Long.toString(outcome.delay().toMillis()),
                                        outcome.errorJson(),
                                        Long.toString(retention.writeRetention().toMillis()),
                                        Long.toString(config.maxWriteAge().toMillis())),
                                outcome.split().toJson()))
                .toString();
        return switch (result) {
            case "lost" -> Completion.LOST;
            case "EXPIRED" -> Completion.EXPIRED;
            default -> Completion.RECORDED;
        };
    }
}
