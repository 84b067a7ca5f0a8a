package io.dialgate.redis;

import io.smallrye.health.api.AsyncHealthCheck;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import java.time.Duration;

/**
 * Ready only while Redis takes writes: a replica (after a fail-over behind one name), a Redis out of memory
 * (noeviction) or still loading answers PING, yet every write would be refused with 503. A small write proves it.
 */
@Readiness
@ApplicationScoped
public class StoreWritableCheck implements AsyncHealthCheck {

    /** Outside every tenant's keys: it holds nothing but the time of the last probe, and expires on its own. */
    static final String PROBE_KEY = "dg:probe";

    private static final Duration PROBE_TTL = Duration.ofMinutes(1);

    private final RedisScripts redis;

    public StoreWritableCheck(RedisScripts redis) {
        this.redis = redis;
    }

    @Override
    public Uni<HealthCheckResponse> call() {
        return redis.commandAsync(
                        "SET",
                        PROBE_KEY,
                        Long.toString(System.currentTimeMillis()),
                        "PX",
                        Long.toString(PROBE_TTL.toMillis()))
                .map(ok -> HealthCheckResponse.up("dialgate store writable"))
                .onFailure()
                .recoverWithItem(e -> HealthCheckResponse.named("dialgate store writable")
                        .down()
                        .withData("reason", e instanceof StoreUnavailableException ? reason(e) : "Redis error")
                        .build());
    }

    /** The Redis error code (OOM, READONLY, ...) or that it did not answer: never a host name or a secret. */
    private static String reason(Throwable e) {
        return StoreRefusal.of(RedisScripts.redisError(e)).map(Enum::name).orElse("no answer");
    }
}
