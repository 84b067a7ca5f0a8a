package io.dialgate.redis;

import io.dialgate.testing.RedisClients;
import io.dialgate.testing.RedisProcess;
import io.vertx.mutiny.core.Vertx;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * A connection that closes while a command waits for its answer (the primary of a shard dies, a proxy cuts it) is
 * "Redis did not answer" — a 503 the CRM retries — although the Redis client reports it as if Redis had answered
 * with an error ({@code CONNECTION_CLOSED}). Found in a Redis Cluster failover, where it was answered 500.
 */
class ConnectionLossTest {

    private static RedisProcess redis;
    private static Vertx vertx;

    @BeforeAll
    static void start() {
        redis = RedisProcess.start();
        vertx = Vertx.vertx();
    }

    @AfterAll
    static void stop() {
        vertx.closeAndAwait();
        redis.close();
    }

    @Test
    void aConnectionClosedUnderAWaitingCommandIsStoreUnavailable() throws Exception {
        RedisClients clients = RedisClients.connect(vertx, redis.uri(), Duration.ofSeconds(10));
        RedisScripts scripts = new RedisScripts(
                clients.blocking(),
                clients.reactive(),
                new StaleConnections(clients.blocking()),
                0,
                Duration.ofMillis(300));

        // BLPOP keeps the command waiting for its answer on an open connection until the connection is cut.
        CompletableFuture<Object> waiting =
                CompletableFuture.supplyAsync(() -> scripts.command("BLPOP", "dg:{t:acme}:nothing", "20"));
        await().atMost(Duration.ofSeconds(10)).until(() -> redis.integer("CLIENT", "KILL", "TYPE", "normal") > 0);

        ExecutionException failure = assertThrows(ExecutionException.class, () -> waiting.get(15, TimeUnit.SECONDS));
        assertInstanceOf(StoreUnavailableException.class, failure.getCause());
        clients.close();
    }
}
