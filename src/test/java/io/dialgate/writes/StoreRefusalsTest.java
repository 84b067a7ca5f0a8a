package io.dialgate.writes;

import io.dialgate.redis.TenantKeys;
import io.dialgate.testing.DialgateClient;
import io.dialgate.testing.InjectRedisProcess;
import io.dialgate.testing.ManagementInterface;
import io.dialgate.testing.RedisProcess;
import io.dialgate.testing.RespClient;
import io.dialgate.testing.TestTenants;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * A Redis that is up but refuses writes for a while (out of memory, a replica after a fail-over, a long script): every
 * write gets 503 + Retry-After with nothing stored, readiness is down meanwhile, and a batch retried with its
 * Idempotency-Key after a failure part-way never stores an item twice (issue 10, holes 4 and 5).
 */
@QuarkusTest
class StoreRefusalsTest {

    private static final String PROBLEM = "application/problem+json";
    private static final String WRITE = "{\"data\":{\"tier\":\"gold\"}}";

    @InjectRedisProcess
    RedisProcess redisProcess;

    private final DialgateClient acme = DialgateClient.acme();
    private final String list = TestTenants.newListId();
    private final String contact = TestTenants.newContactId();
    private RespClient admin;

    @BeforeEach
    void connect() {
        admin = new RespClient(redisProcess.port());
    }

    @AfterEach
    void restoreRedis() {
        admin.call("CONFIG", "SET", "maxmemory", "0");
        admin.call("REPLICAOF", "NO", "ONE");
        admin.close();
        await().atMost(Duration.ofSeconds(15))
                .untilAsserted(() -> ManagementInterface.given()
                        .get("/q/health/ready")
                        .then()
                        .statusCode(200));
    }

    @Test
    void outOfMemoryGets503WithRetryAfterStoresNothingAndReadinessIsDown() {
        admin.call("CONFIG", "SET", "maxmemory-policy", "noeviction");
        admin.call("CONFIG", "SET", "maxmemory", "1");

        refusedWithNothingStored();

        admin.call("CONFIG", "SET", "maxmemory", "0");
        acme.write(list, contact, WRITE).then().statusCode(202);
    }

    @Test
    void aReplicaGets503ReadinessIsDownAndDialgateReconnects() {
        List<String> before = dialgateConnections();
        assertFalse(before.isEmpty(), "dialgate names its connections");
        admin.call("REPLICAOF", "127.0.0.1", "1");

        refusedWithNothingStored();
        // Each READONLY answer (at most one sweep a second) drops the connections still leading to the replica.
        await().atMost(Duration.ofSeconds(20)).until(() -> {
            acme.write(list, contact, WRITE).then().statusCode(503);
            List<String> after = dialgateConnections();
            return before.stream().noneMatch(after::contains);
        });

        admin.call("REPLICAOF", "NO", "ONE");
        acme.write(list, contact, WRITE).then().statusCode(202);
    }

    @Test
    void aBusyScriptGets503() throws Exception {
        admin.call("CONFIG", "SET", "lua-time-limit", "100");
        try (RespClient looping = new RespClient(redisProcess.port())) {
            CompletableFuture<Object> busy =
                    CompletableFuture.supplyAsync(() -> looping.call("EVAL", "while true do end", "0"));
            try {
                await().atMost(Duration.ofSeconds(10)).until(this::redisIsBusy);
                acme.write(list, contact, WRITE)
                        .then()
                        .statusCode(503)
                        .contentType(PROBLEM)
                        .header("Retry-After", "5");
            } finally {
                try (RespClient killer = new RespClient(redisProcess.port())) {
                    killer.call("SCRIPT", "KILL");
                } catch (IllegalStateException notBusy) {
                    // the script never started
                }
                busy.handle((reply, e) -> null).get();
            }
        } finally {
            admin.call("CONFIG", "SET", "lua-time-limit", "5000");
        }
        acme.write(list, contact, WRITE).then().statusCode(202);
    }

    private boolean redisIsBusy() {
        try (RespClient probe = new RespClient(redisProcess.port())) {
            probe.call("PING");
            return false;
        } catch (IllegalStateException e) {
            return String.valueOf(e.getMessage()).contains("BUSY");
        }
    }

    @Test
    void aBatchRetriedAfterAFailurePartWayStoresEachItemOnce() {
        String first = TestTenants.newContactId();
        String broken = TestTenants.newContactId();
        String last = TestTenants.newContactId();
        String body = "{\"writes\":[{\"contactId\":\"" + first + "\",\"data\":{\"tier\":\"gold\"}},"
                + "{\"contactId\":\"" + broken + "\",\"data\":{\"tier\":\"gold\"}},"
                + "{\"contactId\":\"" + last + "\",\"data\":{\"tier\":\"gold\"}}]}";
        // A key of the wrong type makes Redis fail on the second item, after the first was stored.
        String brokenKey = new TenantKeys("acme").pending(TenantKeys.member(list, broken));
        admin.call("SET", brokenKey, "not a list");
        batch("batch-1", body).then().statusCode(500);
        admin.call("DEL", brokenKey);

        List<String> ids =
                batch("batch-1", body).then().statusCode(202).extract().path("results.writeId");
        assertEquals(3, ids.size());
        for (String contactId : List.of(first, broken, last)) {
            assertEquals(1, writeRecordsOf(contactId), contactId + " has one write");
        }
        assertEquals(
                ids,
                batch("batch-1", body)
                        .then()
                        .statusCode(202)
                        .header("Idempotent-Replayed", "true")
                        .extract()
                        .path("results.writeId"));
    }

    @Test
    void aBatchRefusedByRedisStoresNothingAndItsRetryStoresItOnce() {
        admin.call("CONFIG", "SET", "maxmemory-policy", "noeviction");
        admin.call("CONFIG", "SET", "maxmemory", "1");
        String body = "{\"writes\":[{\"contactId\":\"" + contact + "\",\"data\":{\"tier\":\"gold\"}}]}";
        batch("batch-2", body).then().statusCode(503).header("Retry-After", "5");
        admin.call("CONFIG", "SET", "maxmemory", "0");

        String id = batch("batch-2", body).then().statusCode(202).extract().path("results[0].writeId");
        assertEquals(id, batch("batch-2", body).then().statusCode(202).extract().path("results[0].writeId"));
        assertEquals(1, writeRecordsOf(contact));
    }

    private void refusedWithNothingStored() {
        acme.write(list, contact, WRITE)
                .then()
                .statusCode(503)
                .contentType(PROBLEM)
                .header("Retry-After", "5")
                .body("detail", containsString("nothing was stored"));
        ManagementInterface.given().get("/q/health/ready").then().statusCode(503);
        acme.dialState(list, contact).then().body("pendingWrites", equalTo(0));
    }

    private io.restassured.response.Response batch(String key, String body) {
        return acme.crm()
                .header("Idempotency-Key", key)
                .body(body)
                .post("/v1/tenants/acme/contactlists/{l}/writes:batch", list);
    }

    /** Status records of the contact's writes in Redis (pending, applied or failed meanwhile); SCAN may repeat a key. */
    private long writeRecordsOf(String contactId) {
        return admin.scan(new TenantKeys("acme").write("*"), 1_000_000).stream()
                .distinct()
                .filter(key -> contactId.equals(admin.call("HGET", key, "contactId")))
                .count();
    }

    private List<String> dialgateConnections() {
        String clients =
                new String(admin.bytes("CLIENT", "LIST", "TYPE", "normal"), java.nio.charset.StandardCharsets.UTF_8);
        return clients.lines()
                .filter(line -> line.contains(" name=dialgate "))
                .map(line -> line.split(" ")[0])
                .toList();
    }
}
