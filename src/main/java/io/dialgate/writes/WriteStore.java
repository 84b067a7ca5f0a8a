package io.dialgate.writes;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dialgate.dispatch.WakeUps;
import io.dialgate.redis.LuaScript;
import io.dialgate.redis.RedisReplies;
import io.dialgate.redis.RedisScripts;
import io.dialgate.redis.TenantKeys;
import io.dialgate.state.ContactRef;
import io.dialgate.tenant.Tenant;
import io.vertx.mutiny.redis.client.Response;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Stores accepted writes in Redis, merged per contact, and reads their status records. */
@ApplicationScoped
public class WriteStore {

    private final RedisScripts redis;
    private final WakeUps wakeUps;
    private final ObjectMapper json;
    private final Duration retention;
    private final Duration idempotencyRetention;

    public WriteStore(RedisScripts redis, WakeUps wakeUps, ObjectMapper json, WritesConfig config) {
        this.idempotencyRetention = config.idempotencyRetention();
        this.redis = redis;
        this.wakeUps = wakeUps;
        this.json = json;
        this.retention = config.retention();
    }

    /** Stores a write (merged into its contact's pending writes), or answers its Idempotency-Key's earlier result. */
    AcceptOutcome accept(Tenant tenant, ContactRef contact, ContactWrite write, Optional<IdempotencyKey> idempotency) {
        TenantKeys keys = new TenantKeys(tenant.name());
        String member = TenantKeys.member(contact.contactListId(), contact.contactId());
        String writeId = UUID.randomUUID().toString();
        List<String> args = new ArrayList<>();
        args.add(member);
        args.add(writeId);
        args.add(contact.contactListId());
        args.add(contact.contactId());
        args.add(Long.toString(retention.toSeconds()));
        args.add(write.callable().map(String::valueOf).orElse(""));
        args.add(write.mode().name().toLowerCase(Locale.ROOT));
        args.add(idempotency.map(IdempotencyKey::fingerprint).orElse(""));
        args.add(Long.toString(idempotencyRetention.toSeconds()));
        args.add(Integer.toString(tenant.pendingCaps().perContact()));
        args.add(Integer.toString(tenant.pendingCaps().perTenant()));
        args.add(Integer.toString(write.data().size()));
        addColumns(args, write);
        String idempotencyKey =
                keys.idempotency(idempotency.map(IdempotencyKey::key).orElse("-"));
        Response reply = redis.run(
                LuaScript.ACCEPT_WRITE,
                keys,
                List.of(keys.pending(member), keys.pendingIds(member), keys.write(writeId), idempotencyKey),
                args);
        String first = reply.get(0).toString();
        if (first.equals("FULL")) {
            throw capReached(tenant, reply.get(1).toString());
        }
        if (first.equals("CONFLICT")) {
            return new AcceptOutcome(AcceptOutcome.Kind.CONFLICT, null);
        }
        if (first.equals("REPLAY")) {
            return new AcceptOutcome(
                    AcceptOutcome.Kind.REPLAYED,
                    new AcceptedWrite(
                            reply.get(1).toString(),
                            WriteState.valueOf(reply.get(2).toString())));
        }
        WriteState state = WriteState.valueOf(first);
        if (state == WriteState.QUEUED) {
            wakeUps.wake(tenant.name());
        }
        return new AcceptOutcome(AcceptOutcome.Kind.ACCEPTED, new AcceptedWrite(writeId, state));
    }

    /**
     * Stores the accepted items of a batch in one script, recording each item's result under the Idempotency-Key as
     * it is stored: a retry with the same key gets the recorded results and stores only what is missing.
     */
    BatchOutcome acceptBatch(Tenant tenant, List<BatchItem> items, Optional<IdempotencyKey> idempotency) {
        TenantKeys keys = new TenantKeys(tenant.name());
        List<String> args = new ArrayList<>();
        args.add(idempotency.map(IdempotencyKey::fingerprint).orElse(""));
        args.add(Long.toString(idempotencyRetention.toSeconds()));
        args.add(Long.toString(retention.toSeconds()));
        args.add(Integer.toString(tenant.pendingCaps().perContact()));
        args.add(Integer.toString(tenant.pendingCaps().perTenant()));
        for (BatchItem item : items) {
            ContactWrite write = item.write();
            args.add(Integer.toString(item.index()));
            args.add(TenantKeys.member(
                    item.contact().contactListId(), item.contact().contactId()));
            args.add(UUID.randomUUID().toString());
            args.add(item.contact().contactListId());
            args.add(item.contact().contactId());
            args.add(write.callable().map(String::valueOf).orElse(""));
            args.add(write.mode().name().toLowerCase(Locale.ROOT));
            args.add(Integer.toString(write.data().size()));
            args.add(Integer.toString(write.phoneNumberStatus().size()));
            addColumns(args, write);
        }
        String idempotencyKey =
                keys.idempotency(idempotency.map(IdempotencyKey::key).orElse("-"));
        Response reply = redis.run(LuaScript.ACCEPT_BATCH, keys, List.of(idempotencyKey), args);
        String first = reply.get(0).toString();
        if (first.equals("FULL")) {
            throw capReached(tenant, reply.get(1).toString());
        }
        if (first.equals("CONFLICT")) {
            throw IdempotencyConflictException.reusedForAnotherRequest();
        }
        if (first.equals("ANSWERED")) {
            return new BatchOutcome.Answered(reply.get(1).toString());
        }
        Map<Integer, AcceptedWrite> stored = new HashMap<>();
        Response results = reply.get(2);
        boolean queued = false;
        for (int i = 0; i + 2 < results.size(); i += 3) {
            WriteState state = WriteState.valueOf(results.get(i + 2).toString());
            queued |= state == WriteState.QUEUED;
            stored.put(
                    results.get(i).toInteger(),
                    new AcceptedWrite(results.get(i + 1).toString(), state));
        }
        if (queued) {
            wakeUps.wake(tenant.name());
        }
        return new BatchOutcome.Stored(stored, reply.get(1).toLong() == 1);
    }

    /** An item of a batch to store: its place in the request, its contact and write. */
    record BatchItem(int index, ContactRef contact, ContactWrite write) {}

    /** What storing a batch came to. */
    sealed interface BatchOutcome {

        /** The stored items by their place in the request; {@code replayed} when all had been stored before. */
        record Stored(Map<Integer, AcceptedWrite> items, boolean replayed) implements BatchOutcome {}

        /** The same request answered whole by an earlier version of dialgate: its answer, as it was sent. */
        record Answered(String json) implements BatchOutcome {}
    }

    private static void addColumns(List<String> args, ContactWrite write) {
        write.data().forEach((column, value) -> {
            args.add(column);
            args.add(value);
        });
        write.phoneNumberStatus().forEach((column, callable) -> {
            args.add(column);
            args.add(callable.toString());
        });
    }

    private static PendingCapReachedException capReached(Tenant tenant, String scope) {
        return PendingCapReachedException.of(
                scope,
                scope.equals("contact")
                        ? tenant.pendingCaps().perContact()
                        : tenant.pendingCaps().perTenant());
    }

    public Optional<WriteStatus> status(Tenant tenant, String writeId) {
        TenantKeys keys = new TenantKeys(tenant.name());
        Map<String, String> fields = RedisReplies.hash(redis.command("HGETALL", keys.write(writeId)));
        if (fields.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new WriteStatus(
                writeId,
                state(keys, fields),
                fields.get("contactListId"),
                fields.get("contactId"),
                instant(fields.get("acceptedAt")),
                instant(fields.get("appliedAt")),
                Integer.parseInt(fields.getOrDefault("attempts", "0")),
                error(fields.get("lastError"))));
    }

    /**
     * A pending write's state is its contact's (the scripts keep it once per contact, not in every record): QUEUED or
     * HELD in a record only says the write is pending.
     */
    private WriteState state(TenantKeys keys, Map<String, String> fields) {
        WriteState recorded = WriteState.valueOf(fields.get("state"));
        if (recorded != WriteState.QUEUED && recorded != WriteState.HELD) {
            return recorded;
        }
        Response contact = redis.command(
                "HGET", keys.pending(TenantKeys.member(fields.get("contactListId"), fields.get("contactId"))), "st");
        return contact == null ? recorded : WriteState.valueOf(contact.toString());
    }

    private JsonNode error(String stored) {
        if (stored == null || stored.isEmpty()) {
            return null;
        }
        try {
            return json.readTree(stored);
        } catch (JsonProcessingException e) {
            return json.getNodeFactory().textNode(stored);
        }
    }

    private static Instant instant(String millis) {
        return millis == null || millis.isEmpty() ? null : Instant.ofEpochMilli(Long.parseLong(millis));
    }
}
