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
        args.add(Integer.toString(write.data().size()));
        write.data().forEach((column, value) -> {
            args.add(column);
            args.add(value);
        });
        write.phoneNumberStatus().forEach((column, callable) -> {
            args.add(column);
            args.add(callable.toString());
        });
        String idempotencyKey = keys.idempotency(idempotency.map(IdempotencyKey::key).orElse("-"));
        Response reply = redis.run(LuaScript.ACCEPT_WRITE, keys,
                List.of(keys.pending(member), keys.pendingIds(member), keys.write(writeId), idempotencyKey), args);
        String first = reply.get(0).toString();
        if (first.equals("CONFLICT")) {
            return new AcceptOutcome(AcceptOutcome.Kind.CONFLICT, null);
        }
        if (first.equals("REPLAY")) {
            return new AcceptOutcome(AcceptOutcome.Kind.REPLAYED,
                    new AcceptedWrite(reply.get(1).toString(), WriteState.valueOf(reply.get(2).toString())));
        }
        WriteState state = WriteState.valueOf(first);
        if (state == WriteState.QUEUED) {
            wakeUps.wake(tenant.name());
        }
        return new AcceptOutcome(AcceptOutcome.Kind.ACCEPTED, new AcceptedWrite(writeId, state));
    }

    public Optional<WriteStatus> status(Tenant tenant, String writeId) {
        TenantKeys keys = new TenantKeys(tenant.name());
        Map<String, String> fields = RedisReplies.hash(redis.command("HGETALL", keys.write(writeId)));
        if (fields.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new WriteStatus(writeId, WriteState.valueOf(fields.get("state")),
                fields.get("contactListId"), fields.get("contactId"), instant(fields.get("acceptedAt")),
                instant(fields.get("appliedAt")), Integer.parseInt(fields.getOrDefault("attempts", "0")),
                error(fields.get("lastError"))));
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
