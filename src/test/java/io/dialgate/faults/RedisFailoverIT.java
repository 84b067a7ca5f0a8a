package io.dialgate.faults;

import io.dialgate.simulator.GenesysSimulator;
import io.dialgate.simulator.SimulatorOptions;
import io.dialgate.testing.DialgateProcess;
import io.dialgate.testing.DialgateProcess.TenantSetup;
import io.dialgate.testing.RedisClusterProcess;
import io.dialgate.testing.RedisProcess;
import io.dialgate.testing.TestTenants;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A Redis Cluster primary killed (SIGKILL) in the middle of a stream of CRM writes: three primaries with a replica
 * each, one dialgate, writes to tenants on every shard. Afterwards every write that was answered 202 must still be
 * known (its status is not 404). With {@code dialgate.redis.replica-acks=1} none may be lost; with 0 the loss is
 * measured and printed (replication is asynchronous: what the primary had not yet sent is gone). The short version
 * runs in {@code ./mvnw verify}; {@code faults/redis-failover} runs it longer ({@code -Dfailover.seconds}).
 */
class RedisFailoverIT {

    private static final String CLIENT_ID = "failover-client";
    private static final String CLIENT_SECRET = "failover-client-secret";
    private static final int SECONDS = Integer.getInteger("failover.seconds", 6);
    private static final int WRITERS = Integer.getInteger("failover.writers", 6);

    record Acknowledged(String tenant, String writeId) {}

    @ParameterizedTest(name = "replica-acks={0}")
    @ValueSource(ints = {1, 0})
    void aPrimaryKilledUnderLoadLosesNoAcknowledgedWriteWithReplicaAcks(int replicaAcks) throws Exception {
        try (RedisClusterProcess cluster = RedisClusterProcess.start(true);
                GenesysSimulator genesys = GenesysSimulator.start(SimulatorOptions.builder()
                        .client(CLIENT_ID, CLIENT_SECRET)
                        .requestsPerMinute(1_000_000)
                        .build())) {
            List<String> tenants = RedisClusterProcess.tenantsOnEveryPrimary("fo", 1);
            DialgateProcess dialgate = DialgateProcess.launch(
                            cluster.hosts(),
                            tenants.stream().map(t -> setup(t, genesys)).toList())
                    .jvmOptions("-Xmx256m")
                    .environment(Map.of(
                            "QUARKUS_REDIS_CLIENT_TYPE", "cluster",
                            "DIALGATE_REDIS_REPLICA_ACKS", Integer.toString(replicaAcks),
                            "DIALGATE_REDIS_REPLICA_ACK_TIMEOUT", "500MS"))
                    .start();
            try {
                run(cluster, dialgate, tenants, replicaAcks);
            } finally {
                dialgate.close();
            }
        }
    }

    private void run(RedisClusterProcess cluster, DialgateProcess dialgate, List<String> tenants, int replicaAcks)
            throws Exception {
        String list = TestTenants.newListId();
        ConcurrentLinkedQueue<Acknowledged> acknowledged = new ConcurrentLinkedQueue<>();
        AtomicInteger refused = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(SECONDS);
        ExecutorService writers = Executors.newFixedThreadPool(WRITERS);
        for (int w = 0; w < WRITERS; w++) {
            int writer = w;
            writers.submit(() -> {
                for (int i = 0; System.nanoTime() < end; i++) {
                    String tenant = tenants.get((writer + i) % tenants.size());
                    try {
                        var response = RestAssured.given()
                                .baseUri(dialgate.baseUri().toString())
                                .header("Authorization", "Bearer " + tenant + "-crm-token")
                                .header("Idempotency-Key", UUID.randomUUID().toString())
                                .contentType(ContentType.JSON)
                                .body("{\"data\":{\"n\":\"" + i + "\"}}")
                                .patch(
                                        "/v1/tenants/{t}/contactlists/{l}/contacts/{c}",
                                        tenant,
                                        list,
                                        "c-" + writer + "-" + i);
                        if (response.statusCode() == 202) {
                            acknowledged.add(new Acknowledged(tenant, response.path("writeId")));
                        } else if (response.statusCode() == 503) {
                            refused.incrementAndGet();
                        } else {
                            failed.incrementAndGet();
                        }
                    } catch (RuntimeException e) {
                        failed.incrementAndGet();
                    }
                }
            });
        }
        Thread.sleep(TimeUnit.SECONDS.toMillis(SECONDS) / 3);
        RedisProcess killed = cluster.primaries().get(0);
        int acknowledgedBeforeKill = acknowledged.size();
        killed.kill();
        writers.shutdown();
        assertTrue(writers.awaitTermination(SECONDS + 60L, TimeUnit.SECONDS));

        // The killed node comes back as a replica of the promoted one; then every shard answers again.
        cluster.awaitFailover(RedisClusterProcess.firstSlot(0), killed, Duration.ofSeconds(30));
        killed.restart();
        cluster.awaitHealthy(Duration.ofSeconds(30));

        List<Acknowledged> lost = new ArrayList<>();
        for (Acknowledged write : acknowledged) {
            int status = RestAssured.given()
                    .baseUri(dialgate.baseUri().toString())
                    .header("Authorization", "Bearer " + write.tenant() + "-crm-token")
                    .get("/v1/tenants/{t}/writes/{id}", write.tenant(), write.writeId())
                    .statusCode();
            if (status == 404) {
                lost.add(write);
            } else {
                assertEquals(200, status, write.toString());
            }
        }
        System.out.printf(
                "redis-failover replica-acks=%d: %d writes acknowledged (%d before the kill), %d refused with 503,"
                        + " %d other failures, %d acknowledged writes lost%n",
                replicaAcks, acknowledged.size(), acknowledgedBeforeKill, refused.get(), failed.get(), lost.size());
        assertTrue(acknowledged.size() > acknowledgedBeforeKill, "writes went on after the kill");
        assertEquals(0, failed.get(), "no answer but 202 or 503");
        if (replicaAcks > 0) {
            assertEquals(List.of(), lost, "acknowledged writes lost with replica-acks=" + replicaAcks);
        }
    }

    private static TenantSetup setup(String tenant, GenesysSimulator genesys) {
        return new TenantSetup(
                tenant,
                genesys.baseUrl(),
                CLIENT_ID,
                CLIENT_SECRET,
                60_000,
                tenant + "-ingest-token",
                tenant + "-crm-token",
                Duration.ofMinutes(30));
    }
}
