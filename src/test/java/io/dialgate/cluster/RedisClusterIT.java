package io.dialgate.cluster;

import io.dialgate.simulator.GenesysSimulator;
import io.dialgate.simulator.SimulatorOptions;
import io.dialgate.testing.DialgateClient;
import io.dialgate.testing.DialgateProcess;
import io.dialgate.testing.DialgateProcess.TenantSetup;
import io.dialgate.testing.GenesysEvents;
import io.dialgate.testing.RedisClusterProcess;
import io.dialgate.testing.RedisProcess;
import io.dialgate.testing.RespClient;
import io.dialgate.testing.TestTenants;
import io.restassured.response.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * dialgate on a real Redis Cluster (three primaries, {@link RedisClusterProcess}) through the standard settings
 * {@code quarkus.redis.client-type=cluster} and {@code quarkus.redis.hosts}, with two instances of the packaged jar
 * and three tenants whose slots lie on the three primaries: the core loop (a write held during a dial, released by
 * the dial's end), batch writes and event batches work on every shard; each tenant's keys and wake channel live on
 * its own shard; a slot in migration (TRYAGAIN) is answered 503 + Retry-After, not 500. (Not {@code ClusterIT}: that
 * one is about several instances on one Redis.)
 */
class RedisClusterIT {

    private static final String CLIENT_ID = "redis-cluster-client";
    private static final String CLIENT_SECRET = "redis-cluster-client-secret";

    private static RedisClusterProcess cluster;
    private static GenesysSimulator genesys;
    private static List<String> tenants;
    private static final List<DialgateProcess> instances = new ArrayList<>();

    @BeforeAll
    static void startClusterGenesysAndTwoInstances() {
        cluster = RedisClusterProcess.start();
        genesys = GenesysSimulator.start(SimulatorOptions.builder()
                .client(CLIENT_ID, CLIENT_SECRET)
                .requestsPerMinute(1_000_000)
                .build());
        tenants = RedisClusterProcess.tenantsOnEveryPrimary("rc", 1);
        List<TenantSetup> setups = tenants.stream().map(RedisClusterIT::setup).toList();
        for (int i = 0; i < 2; i++) {
            instances.add(DialgateProcess.launch(cluster.hosts(), setups)
                    .jvmOptions("-Xmx256m")
                    .environment(Map.of(
                            "QUARKUS_REDIS_CLIENT_TYPE", "cluster",
                            "DIALGATE_DISPATCH_BACKOFF_BASE", "100MS",
                            "DIALGATE_DISPATCH_IDLE_CHECK", "500MS"))
                    .start());
        }
    }

    @AfterAll
    static void stopAll() {
        instances.forEach(DialgateProcess::close);
        if (genesys != null) {
            genesys.close();
        }
        if (cluster != null) {
            cluster.close();
        }
    }

    static TenantSetup setup(String tenant) {
        return TenantSetup.named(tenant, genesys.baseUrl(), CLIENT_ID, CLIENT_SECRET, 60_000, Duration.ofMinutes(30));
    }

    static DialgateClient client(String tenant, DialgateProcess instance) {
        return TestTenants.client(tenant).at(instance.baseUri());
    }

    @Test
    void heldWritesBatchesAndEventBatchesWorkOnEveryShardWithTwoInstances() {
        for (int shard = 0; shard < RedisClusterProcess.PRIMARIES; shard++) {
            String tenant = tenants.get(shard);
            DialgateClient first = client(tenant, instances.get(0));
            DialgateClient second = client(tenant, instances.get(1));
            String list = TestTenants.newListId();
            String dialed = TestTenants.newContactId();
            String other = TestTenants.newContactId();
            String conversation = UUID.randomUUID().toString();
            long t0 = System.currentTimeMillis();
            genesys.contacts().put(list, dialed, Map.of("tier", "silver"));
            genesys.contacts().put(list, other, Map.of("tier", "silver"));

            // The dial starts (events on one instance); a write to the contact (on the other) is held.
            first.events(GenesysEvents.preContact(list, dialed, conversation, t0)
                            .toString())
                    .then()
                    .statusCode(202);
            String held = second.accept(list, dialed, "{\"data\":{\"tier\":\"gold\"}}");
            assertEquals("HELD", second.state(held), tenant);

            // A batch of writes on the first instance: the contact not in a dial is applied, the other stays held.
            Response batch = first.crm()
                    .body("{\"writes\":[{\"contactId\":\"" + other + "\",\"data\":{\"tier\":\"bronze\"}},"
                            + "{\"contactId\":\"" + dialed + "\",\"data\":{\"note\":\"vip\"}}]}")
                    .post("/v1/tenants/{t}/contactlists/{l}/writes:batch", tenant, list);
            batch.then().statusCode(202);
            String batched = batch.path("results[0].writeId");
            assertEquals("HELD", batch.path("results[1].state"), tenant);
            await().atMost(Duration.ofSeconds(20))
                    .until(() -> first.state(batched).equals("APPLIED"));

            // The dial ends, in an event batch on the second instance: the held writes are applied, merged.
            second.events(GenesysEvents.array(
                                    GenesysEvents.outbound(list, dialed, conversation, t0 + 1_000),
                                    GenesysEvents.postContact(list, dialed, conversation, t0 + 30_000))
                            .toString())
                    .then()
                    .statusCode(202);
            await().atMost(Duration.ofSeconds(20)).until(() -> first.state(held).equals("APPLIED"));
            Map<String, String> data =
                    genesys.contacts().get(list, dialed).orElseThrow().data();
            assertEquals("gold", data.get("tier"), tenant);
            assertEquals("vip", data.get("note"), tenant);
            assertEquals(
                    "bronze",
                    genesys.contacts().get(list, other).orElseThrow().data().get("tier"),
                    tenant);

            // Everything of the tenant is on the primary that serves its slot.
            RedisProcess primary = cluster.primaries().get(shard);
            assertEquals(1, primary.integer("EXISTS", "dg:{t:" + tenant + "}:write:" + held), tenant);
            String slot = Integer.toString(RedisClusterProcess.slot("dg:{t:" + tenant + "}:"));
            for (RedisProcess node : cluster.primaries()) {
                long keys = node.integer("CLUSTER", "COUNTKEYSINSLOT", slot);
                assertTrue(node == primary ? keys > 0 : keys == 0, tenant + ": " + keys + " keys on " + node.uri());
            }
        }
    }

    @Test
    void eachTenantsWakeChannelIsSubscribedByBothInstancesOnItsOwnShardFromRedis7() {
        boolean sharded = cluster.primaries().get(0).majorVersion() >= 7;
        for (int shard = 0; shard < RedisClusterProcess.PRIMARIES; shard++) {
            String channel = "dg:{t:" + tenants.get(shard) + "}:wake";
            if (sharded) {
                try (RespClient primary =
                        new RespClient(cluster.primaries().get(shard).port())) {
                    assertEquals(List.of(channel, 2L), primary.call("PUBSUB", "SHARDNUMSUB", channel), channel);
                }
            } else {
                // Plain channels: every node relays every message; each instance subscribed on some node.
                long subscribers = 0;
                for (RedisProcess node : cluster.primaries()) {
                    try (RespClient client = new RespClient(node.port())) {
                        subscribers += (Long) ((List<?>) client.call("PUBSUB", "NUMSUB", channel)).get(1);
                    }
                }
                assertEquals(2, subscribers, channel);
            }
        }
    }

    @Test
    void aSlotInMigrationIsAnswered503WithRetryAfterAndWorksOnceItIsStableAgain() {
        String tenant = tenants.get(0);
        DialgateClient crm = client(tenant, instances.get(0));
        String list = TestTenants.newListId();
        String contact = TestTenants.newContactId();
        genesys.contacts().put(list, contact, Map.of("tier", "silver"));
        crm.events(GenesysEvents.preContact(list, contact, UUID.randomUUID().toString(), System.currentTimeMillis())
                        .toString())
                .then()
                .statusCode(202);
        crm.accept(list, contact, "{\"data\":{\"tier\":\"gold\"}}"); // held: the contact's keys exist

        int slot = RedisClusterProcess.slot("dg:{t:" + tenant + "}:");
        RedisProcess source = cluster.primaries().get(0);
        RedisProcess target = cluster.primaries().get(1);
        String sourceId = myId(source);
        String targetId = myId(target);
        call(target, "CLUSTER", "SETSLOT", Integer.toString(slot), "IMPORTING", sourceId);
        call(source, "CLUSTER", "SETSLOT", Integer.toString(slot), "MIGRATING", targetId);
        try {
            // Some of the write's keys exist on the source, its new record does not: Redis answers TRYAGAIN.
            Response refused = crm.write(list, contact, "{\"data\":{\"tier\":\"platinum\"}}");
            assertEquals(503, refused.statusCode(), refused.asString());
            assertEquals("application/problem+json", refused.contentType());
            assertNotNull(refused.header("Retry-After"));
        } finally {
            call(source, "CLUSTER", "SETSLOT", Integer.toString(slot), "STABLE");
            call(target, "CLUSTER", "SETSLOT", Integer.toString(slot), "STABLE");
        }
        assertTrue(
                crm.write(list, contact, "{\"data\":{\"tier\":\"platinum\"}}").statusCode() == 202);
    }

    private static String myId(RedisProcess node) {
        return String.valueOf(call(node, "CLUSTER", "MYID"));
    }

    private static Object call(RedisProcess node, String... command) {
        try (RespClient client = new RespClient(node.port())) {
            return client.call(command);
        }
    }
}
