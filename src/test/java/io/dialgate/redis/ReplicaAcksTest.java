package io.dialgate.redis;

import io.dialgate.testing.RedisClients;
import io.dialgate.testing.RedisProcess;
import io.vertx.mutiny.core.Vertx;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code dialgate.redis.replica-acks}: a replicated run returns only once a replica has what it wrote, and a replica
 * that does not confirm in time makes it throw {@link ReplicasNotConfirmedException} (the 503 the CRM retries) — also
 * for a replay that itself writes nothing, on a connection that never wrote before, since the first answer to that
 * same request may have been exactly this timeout.
 */
class ReplicaAcksTest {

    private static final TenantKeys KEYS = new TenantKeys("acme");
    private static final Duration ACK_TIMEOUT = Duration.ofMillis(300);

    private static RedisProcess primary;
    private static RedisProcess replica;
    private static Vertx vertx;

    @BeforeAll
    static void startPrimaryAndReplica() {
        primary = RedisProcess.start();
        replica = RedisProcess.start();
        replica.replicate(primary);
        vertx = Vertx.vertx();
    }

    @AfterAll
    static void stopAll() {
        vertx.closeAndAwait();
        replica.close();
        primary.close();
    }

    @AfterEach
    void thawReplica() {
        replica.thaw();
    }

    /** A service's view of Redis: its own client and connection pool. */
    private static RedisScripts service(int replicaAcks) {
        RedisClients clients = RedisClients.connect(vertx, primary.uri(), Duration.ofSeconds(10));
        return new RedisScripts(
                clients.blocking(),
                clients.reactive(),
                new StaleConnections(clients.blocking()),
                replicaAcks,
                ACK_TIMEOUT);
    }

    @Test
    void aWriteIsAnsweredOnceTheReplicaHasIt() {
        String writeId = UUID.randomUUID().toString();
        RedisScripts scripts = service(1);

        assertEquals("QUEUED", accept(scripts, writeId, "k-" + writeId).get(0).toString());

        // Checked right after the answer, with no waiting: the replica already has the write's record.
        assertEquals(1, replica.integer("EXISTS", KEYS.write(writeId)));
    }

    @Test
    void aReplicaThatDoesNotConfirmInTimeMakesTheWriteUnacknowledgedAndItsReplayToo() {
        String writeId = UUID.randomUUID().toString();
        String key = "k-" + writeId;
        replica.freeze();

        long start = System.nanoTime();
        ReplicasNotConfirmedException refused =
                assertThrows(ReplicasNotConfirmedException.class, () -> accept(service(1), writeId, key));
        assertTrue(Duration.ofNanos(System.nanoTime() - start).compareTo(ACK_TIMEOUT) >= 0, "waited for the replica");
        assertTrue(refused.retryAfter().isPresent());
        assertEquals(1, primary.integer("EXISTS", KEYS.write(writeId)), "stored on the primary, not acknowledged");

        // The CRM retries with the same key: the replay writes nothing, on a pool that never wrote, and must still
        // wait for the replica, which has not confirmed the first write yet.
        assertThrows(
                ReplicasNotConfirmedException.class,
                () -> accept(service(1), UUID.randomUUID().toString(), key));

        replica.thaw();
        assertEquals(
                "REPLAY",
                accept(service(1), UUID.randomUUID().toString(), key).get(0).toString());
        assertEquals(1, replica.integer("EXISTS", KEYS.write(writeId)));
    }

    @Test
    void withoutReplicaAcksNothingWaitsForTheReplica() {
        replica.freeze();
        String writeId = UUID.randomUUID().toString();
        long start = System.nanoTime();

        assertEquals(
                "QUEUED", accept(service(0), writeId, "k-" + writeId).get(0).toString());
        assertTrue(Duration.ofNanos(System.nanoTime() - start).compareTo(ACK_TIMEOUT) < 0);
    }

    private static io.vertx.mutiny.redis.client.Response accept(RedisScripts scripts, String writeId, String key) {
        String member = TenantKeys.member("list-1", "c-1");
        List<String> args = new ArrayList<>(List.of(
                member,
                writeId,
                "list-1",
                "c-1",
                "3600",
                "",
                "merge",
                "fingerprint",
                "86400",
                "1000",
                "1000000",
                "",
                "1"));
        args.addAll(List.of("tier", "gold"));
        return scripts.runReplicated(
                LuaScript.ACCEPT_WRITE,
                KEYS,
                List.of(KEYS.pending(member), KEYS.pendingIds(member), KEYS.write(writeId), KEYS.idempotency(key)),
                args);
    }
}
