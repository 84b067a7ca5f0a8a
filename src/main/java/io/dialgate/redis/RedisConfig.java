package io.dialgate.redis;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/**
 * How dialgate uses Redis beyond the connection ({@code dialgate.redis.*}; the connection itself is Quarkus's
 * {@code quarkus.redis.*}: {@code hosts}, {@code client-type=cluster} for Redis Cluster).
 */
@ConfigMapping(prefix = "dialgate.redis")
public interface RedisConfig {

    /**
     * How many replicas must confirm (Redis {@code WAIT}) a CRM write, a batch of writes or an event before dialgate
     * acknowledges it. 0: acknowledged once the primary has it (replication is asynchronous: a fail-over right after
     * the answer can lose it). 1 or more: acknowledged only once that many replicas have it; when they do not
     * confirm within {@link #replicaAckTimeout()} the request answers 503 + Retry-After and should be sent again
     * (with the same Idempotency-Key for writes: it is then not stored twice).
     */
    @WithDefault("0")
    int replicaAcks();

    /** How long a request waits for {@link #replicaAcks()} replicas to confirm, when that is 1 or more. */
    @WithDefault("1S")
    Duration replicaAckTimeout();
}
