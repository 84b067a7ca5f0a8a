package io.dialgate.writes;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dialgate.redis.RedisScripts;
import io.dialgate.redis.TenantKeys;
import io.dialgate.tenant.Tenant;
import io.vertx.mutiny.redis.client.Response;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.util.Optional;

/**
 * Idempotency-Key for the batch endpoint: the key is taken (SET NX) before any item is stored, so two concurrent
 * requests with the same key cannot both store their items; the results are kept for replays. Same record format as
 * accept-write.lua ({@code <fingerprint>\n<writeId|BATCH>\n<state|results>}), so a key used on both endpoints is a
 * conflict.
 */
@ApplicationScoped
class BatchIdempotency {

    private static final String BATCH = "BATCH";
    private static final String PENDING = "PENDING";
    /** How long a key stays taken by a batch that never finishes (its instance died mid-request). */
    private static final Duration PENDING_TIMEOUT = Duration.ofMinutes(2);

    private final RedisScripts redis;
    private final ObjectMapper json;
    private final Duration retention;

    BatchIdempotency(RedisScripts redis, ObjectMapper json, WritesConfig config) {
        this.redis = redis;
        this.json = json;
        this.retention = config.idempotencyRetention();
    }

    /** Takes the key for this batch; or the results of the earlier batch with the same key and request. */
    Optional<String> begin(Tenant tenant, IdempotencyKey key) {
        String name = new TenantKeys(tenant.name()).idempotency(key.key());
        Response taken = redis.command("SET", name, key.fingerprint() + "\n" + BATCH + "\n" + PENDING, "NX", "PX",
                Long.toString(PENDING_TIMEOUT.toMillis()));
        if (taken != null) {
            return Optional.empty();
        }
        Response existing = redis.command("GET", name);
        String[] parts = existing == null ? new String[0] : existing.toString().split("\n", 3);
        if (parts.length < 3 || !parts[0].equals(key.fingerprint()) || !parts[1].equals(BATCH)) {
            throw IdempotencyConflictException.reusedForAnotherRequest();
        }
        if (parts[2].equals(PENDING)) {
            throw IdempotencyConflictException.stillInProgress();
        }
        return Optional.of(parts[2]);
    }

    void finish(Tenant tenant, IdempotencyKey key, BatchResource.BatchResults results) {
        try {
            redis.command("SET", new TenantKeys(tenant.name()).idempotency(key.key()),
                    key.fingerprint() + "\n" + BATCH + "\n" + json.writeValueAsString(results), "PX",
                    Long.toString(retention.toMillis()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Frees the key of a batch that failed before it was stored, so the client can retry with it at once. */
    void abandon(Tenant tenant, IdempotencyKey key) {
        try {
            redis.command("DEL", new TenantKeys(tenant.name()).idempotency(key.key()));
        } catch (RuntimeException e) {
            // Redis is what failed; the pending marker expires on its own.
        }
    }
}
