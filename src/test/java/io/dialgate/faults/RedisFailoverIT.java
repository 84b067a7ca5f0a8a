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
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.awaitility.Awaitility.await;
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
    /** The kill comes once this many writes were acknowledged: mid-load, whatever the machine's speed. */
    private static final int WRITES_BEFORE_KILL = Integer.getInteger("failover.writes-before-kill", 30);

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
        ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
        AtomicInteger refused = new AtomicInteger();
        AtomicBoolean stop = new AtomicBoolean();
        for (String tenant : tenants) { // every shard answers before the load starts
            await().atMost(Duration.ofSeconds(60))
                    .until(() ->
                            write(dialgate, tenant, list, "warm-" + tenant, 0).statusCode() == 202);
        }
        ExecutorService writers = Executors.newFixedThreadPool(WRITERS);
        for (int w = 0; w < WRITERS; w++) {
            int writer = w;
            writers.submit(() -> {
                for (int i = 0; !stop.get(); i++) {
                    String tenant = tenants.get((writer + i) % tenants.size());
                    try {
                        var response = write(dialgate, tenant, list, "c-" + writer + "-" + i, i);
                        if (response.statusCode() == 202) {
                            acknowledged.add(new Acknowledged(tenant, response.path("writeId")));
                        } else if (response.statusCode() == 503) {
                            refused.incrementAndGet();
                        } else {
                            failures.add(response.statusCode() + " " + response.asString());
                        }
                    } catch (RuntimeException e) {
                        failures.add(e.toString());
                    }
                }
            });
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> acknowledged.size() >= WRITES_BEFORE_KILL);
        RedisProcess killed = cluster.primaries().get(0);
        int acknowledgedBeforeKill = acknowledged.size();
        killed.kill();
        Thread.sleep(TimeUnit.SECONDS.toMillis(SECONDS));
        stop.set(true);
        writers.shutdown();
        assertTrue(writers.awaitTermination(60, TimeUnit.SECONDS));

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
                replicaAcks, acknowledged.size(), acknowledgedBeforeKill, refused.get(), failures.size(), lost.size());
        assertTrue(acknowledged.size() > acknowledgedBeforeKill, "writes went on (on the other shards) after the kill");
        assertEquals(List.of(), List.copyOf(failures), "no answer but 202 or 503");
        if (replicaAcks > 0) {
            assertEquals(List.of(), lost, "acknowledged writes lost with replica-acks=" + replicaAcks);
        }
    }

    private static io.restassured.response.Response write(
            DialgateProcess dialgate, String tenant, String list, String contact, int n) {
        return RestAssured.given()
                .baseUri(dialgate.baseUri().toString())
                .header("Authorization", "Bearer " + tenant + "-crm-token")
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .contentType(ContentType.JSON)
                .body("{\"data\":{\"n\":\"" + n + "\"}}")
                .patch("/v1/tenants/{t}/contactlists/{l}/contacts/{c}", tenant, list, contact);
    }

    private static TenantSetup setup(String tenant, GenesysSimulator genesys) {
        return TenantSetup.named(tenant, genesys.baseUrl(), CLIENT_ID, CLIENT_SECRET, 60_000, Duration.ofMinutes(30));
    }
}
