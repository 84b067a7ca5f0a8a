package io.dialgate.redis;

import io.dialgate.metrics.Metric;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;
import io.vertx.mutiny.redis.client.Response;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Says whether Redis keeps its data on disk. Accepted writes live only in Redis: without an append-only file
 * ({@code INFO persistence}: {@code aof_enabled:0}) and without RDB save points ({@code CONFIG GET save} empty), a
 * Redis restart loses every write accepted and not yet applied. Checked at start-up and every 5 minutes (Redis may be
 * down at start, or reconfigured); a warning is logged when Redis turns out to have no persistence.
 */
@ApplicationScoped
public class RedisPersistenceCheck {

    /** {@code dialgate_redis_without_persistence}: 1 without AOF and RDB save points, 0 with; absent until known. */
    public static final Metric METRIC = Metric.REDIS_WITHOUT_PERSISTENCE;

    private static final Logger LOG = Logger.getLogger(RedisPersistenceCheck.class);

    private final RedisScripts redis;
    private final MeterRegistry metrics;
    private final AtomicInteger without = new AtomicInteger();
    private volatile boolean known;

    public RedisPersistenceCheck(RedisScripts redis, MeterRegistry metrics) {
        this.redis = redis;
        this.metrics = metrics;
    }

    @Scheduled(every = "5m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void check() {
        Optional<Boolean> persisted;
        try {
            persisted =
                    persisted(redis.command("INFO", "persistence").toString(), redis.command("CONFIG", "GET", "save"));
        } catch (RuntimeException e) {
            // Redis is down, or CONFIG is disabled (some managed services): nothing can be said yet.
            LOG.debugf("Cannot tell whether Redis persists its data: %s", e.getMessage());
            return;
        }
        if (persisted.isEmpty()) {
            return;
        }
        int value = persisted.get() ? 0 : 1;
        if (value == 1 && (!known || without.get() == 0)) {
            LOG.warn("Redis keeps no copy of its data on disk (no AOF, no RDB save point): a Redis restart loses "
                    + "every accepted write not yet applied. Turn on appendonly (see docs/DEPLOYMENT.md)");
        }
        without.set(value);
        if (!known) {
            known = true;
            METRIC.gauge(metrics, without, AtomicInteger::get);
        }
    }

    /** Whether Redis persists (AOF on, or at least one RDB save point); empty when the answers cannot be read. */
    static Optional<Boolean> persisted(String infoPersistence, Response configSave) {
        Optional<Boolean> aof = infoPersistence
                .lines()
                .filter(line -> line.startsWith("aof_enabled:"))
                .findFirst()
                .map(line -> !line.substring("aof_enabled:".length()).trim().equals("0"));
        Optional<String> save = saveValue(configSave);
        if (aof.isEmpty() || save.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(aof.get() || !save.get().isBlank());
    }

    /** The value of {@code CONFIG GET save}: a map in RESP3, a [name, value] array in RESP2. */
    private static Optional<String> saveValue(Response reply) {
        if (reply == null) {
            return Optional.empty();
        }
        try {
            if (reply.containsKey("save")) {
                return Optional.ofNullable(reply.get("save")).map(Response::toString);
            }
        } catch (RuntimeException notAMap) {
            // an array: read below
        }
        return reply.size() == 2 ? Optional.ofNullable(reply.get(1)).map(Response::toString) : Optional.empty();
    }
}
