package io.dialgate.dispatch;

import io.dialgate.genesys.TenantConditions;
import io.dialgate.redis.LuaScript;
import io.dialgate.redis.RedisScripts;
import io.dialgate.redis.TenantKeys;
import io.dialgate.simulator.GenesysSimulator;
import io.dialgate.simulator.RecordedPut;
import io.dialgate.simulator.RecordedRequest;
import io.dialgate.simulator.ScriptedResponse;
import io.dialgate.testing.DialgateClient;
import io.dialgate.testing.InjectSimulator;
import io.dialgate.testing.ManagementInterface;
import io.dialgate.testing.TestTenants;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** How dispatch reacts when Genesys fails, refuses credentials or sets a daily limit — per tenant. */
@QuarkusTest
class GenesysTroubleTest {

    @InjectSimulator
    GenesysSimulator genesys;

    @Inject
    RedisDataSource redis;

    @Inject
    RedisScripts scripts;

    @Inject
    TenantConditions conditions;

    private final String list = TestTenants.newListId();

    private static String metrics() {
        return ManagementInterface.metrics();
    }

    private List<RecordedRequest> requestsOf(String clientId, Instant from, Instant to) {
        return genesys.requestLog()
                .requests(r -> clientId.equals(r.clientId())
                        && !r.time().isBefore(from)
                        && r.time().isBefore(to));
    }

    @Test
    void theBreakerOpensOnRepeatedFailuresStopsCallingThenClosesAndEveryWriteIsApplied() {
        DialgateClient umbrella = TestTenants.client("umbrella");
        List<String> contacts = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            String contact = TestTenants.newContactId();
            genesys.contacts().put(list, contact, Map.of("tier", "silver"));
            genesys.faults().nextGet(contact, ScriptedResponse.genesysError(503, "service.unavailable", "down"));
            contacts.add(contact);
        }
        // One batch, so the twelve contacts are ready together and their first GETs fail side by side: written one
        // by one on a slow machine, each failure's successful retry could land between them and keep the failure
        // ratio under the breaker's threshold.
        String batch = contacts.stream()
                .map(contact -> "{\"contactId\":\"" + contact + "\",\"data\":{\"tier\":\"gold\"}}")
                .collect(Collectors.joining(",", "{\"writes\":[", "]}"));
        List<String> writes = umbrella.crm()
                .contentType(ContentType.JSON)
                .body(batch)
                .post("/v1/tenants/umbrella/contactlists/{l}/writes:batch", list)
                .then()
                .statusCode(202)
                .extract()
                .jsonPath()
                .getList("results.writeId", String.class);
        assertEquals(contacts.size(), writes.size(), "every item accepted");

        await().atMost(Duration.ofSeconds(30))
                .until(() -> metrics().contains("dialgate_circuit_open{tenant=\"umbrella\"} 1.0"));
        ManagementInterface.given()
                .get("/q/health/ready")
                .then()
                .body("checks.find { it.name == 'dialgate tenants' }.data.umbrella", equalTo("circuit breaker open"));
        // The breaker opened on the last failing call; for its 2 s delay (test config) umbrella calls nothing.
        Instant tripped = requestsOf("umbrella-client", Instant.EPOCH, Instant.now()).stream()
                .map(RecordedRequest::time)
                .max(Instant::compareTo)
                .orElseThrow();
        await().atMost(Duration.ofSeconds(3)).until(() -> Instant.now().isAfter(tripped.plusMillis(1500)));
        assertEquals(
                List.of(),
                requestsOf("umbrella-client", tripped.plusMillis(200), tripped.plusMillis(1500)),
                "no call while the breaker is open");

        writes.forEach(writeId -> await().atMost(Duration.ofSeconds(40))
                .until(() -> umbrella.state(writeId).equals("APPLIED")));
        await().atMost(Duration.ofSeconds(15))
                .until(() -> metrics().contains("dialgate_circuit_open{tenant=\"umbrella\"} 0.0"));
        assertEquals(
                contacts.size(),
                requestsOf("umbrella-client", Instant.EPOCH, Instant.now()).stream()
                        .filter(r -> r.status() == 503)
                        .count(),
                "each contact's first GET failed");
    }

    @Test
    void a401IsAnsweredByFetchingANewTokenAndRepeatingTheCall() {
        DialgateClient umbrella = TestTenants.client("umbrella");
        String contact = TestTenants.newContactId();
        genesys.contacts().put(list, contact, Map.of("tier", "silver"));
        genesys.faults().nextPut(contact, ScriptedResponse.genesysError(401, "bad.credentials", "token expired"));
        long tokensBefore = genesys.tokens().tokensIssued();

        String writeId = umbrella.accept(list, contact, "{\"data\":{\"tier\":\"gold\"}}");

        await().atMost(Duration.ofSeconds(10))
                .until(() -> umbrella.state(writeId).equals("APPLIED"));
        assertEquals(
                List.of(401, 200),
                genesys.requestLog().puts(list, contact).stream()
                        .map(RecordedPut::status)
                        .toList());
        assertTrue(genesys.tokens().tokensIssued() > tokensBefore, "a new token was fetched");
        umbrella.status(writeId).then().body("attempts", equalTo(1));
    }

    @Test
    void aSecond401MarksTheTenantUnauthorizedAndItsWritesWaitUntilGenesysAcceptsAgain() {
        DialgateClient umbrella = TestTenants.client("umbrella");
        String contact = TestTenants.newContactId();
        genesys.contacts().put(list, contact, Map.of("tier", "silver"));
        genesys.faults().nextPut(contact, ScriptedResponse.genesysError(401, "bad.credentials", "no"));
        genesys.faults().nextPut(contact, ScriptedResponse.genesysError(401, "bad.credentials", "no"));
        for (int i = 0; i < 3; i++) {
            genesys.faults()
                    .nextGet(
                            contact,
                            ScriptedResponse.genesysError(502, "bad.gateway", "down")
                                    .withDelay(Duration.ofMillis(300)));
        }

        String writeId = umbrella.accept(list, contact, "{\"data\":{\"tier\":\"gold\"}}");

        await().atMost(Duration.ofSeconds(5))
                .until(() -> metrics().contains("dialgate_tenant_unauthorized{tenant=\"umbrella\"} 1.0"));
        await().atMost(Duration.ofSeconds(15))
                .until(() -> umbrella.state(writeId).equals("APPLIED"));
        assertTrue(metrics().contains("dialgate_tenant_unauthorized{tenant=\"umbrella\"} 0.0"));
        assertTrue(!metrics().contains("umbrella-client-secret-value"), "no secret in metrics");
    }

    @Test
    void a429WithRetryAfterOverThreeMinutesPausesTheTenantOnEveryInstance() {
        DialgateClient cyberdyne = TestTenants.client("cyberdyne");
        String contact = TestTenants.newContactId();
        String second = TestTenants.newContactId();
        genesys.contacts().put(list, contact, Map.of("tier", "silver"));
        genesys.contacts().put(list, second, Map.of("tier", "silver"));
        genesys.faults().nextPut(contact, ScriptedResponse.tooManyRequests(3600));

        String writeId = cyberdyne.accept(list, contact, "{\"data\":{\"tier\":\"gold\"}}");
        await().atMost(Duration.ofSeconds(5))
                .until(() -> genesys.requestLog().puts(list, contact).size() == 1);
        String waiting = cyberdyne.accept(list, second, "{\"data\":{\"tier\":\"gold\"}}");

        await().atMost(Duration.ofSeconds(5))
                .until(() -> metrics().contains("dialgate_tenant_paused{tenant=\"cyberdyne\"} 1.0"));
        cyberdyne
                .crm()
                .get("/v1/tenants/cyberdyne/stats")
                .then()
                .statusCode(200)
                .body("pausedUntil", notNullValue())
                .body("queued", equalTo(2));
        ManagementInterface.given()
                .get("/q/health/ready")
                .then()
                .statusCode(200)
                .body("checks.find { it.name == 'dialgate tenants' }.data.cyberdyne", containsString("paused until"));
        await().pollDelay(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(2)).until(() -> true);
        assertTrue(genesys.requestLog().puts(list, second).isEmpty(), "nothing is sent while paused");
        assertEquals("QUEUED", cyberdyne.state(writeId));
        assertEquals("QUEUED", cyberdyne.state(waiting));
        cyberdyne.status(writeId).then().body("attempts", equalTo(0)).body("lastError.status", equalTo(429));

        redis.execute("DEL", "dg:{t:cyberdyne}:pause");
        redis.execute("ZADD", "dg:{t:cyberdyne}:ready", "0", list + ":" + contact);
        await().atMost(Duration.ofSeconds(10))
                .until(() -> cyberdyne.state(waiting).equals("APPLIED")
                        && cyberdyne.state(writeId).equals("APPLIED"));
    }

    @Test
    void aPauseAnotherInstanceStartedReachesThisInstanceWithItsNextClaimRoundAndSoDoesItsEnd() {
        TenantKeys keys = new TenantKeys("cyberdyne");
        // What another instance does on a daily limit: the script, not this instance's TenantConditions.
        long until = scripts.run(LuaScript.PAUSE_TENANT, keys, List.of(keys.pause()), List.of("60000"))
                .toLong();
        try {
            wakeForItsNextClaimRound("cyberdyne");
            await().atMost(Duration.ofSeconds(4))
                    .until(() -> conditions.of("cyberdyne").pausedUntil().equals(Instant.ofEpochMilli(until)));
            assertTrue(metrics().contains("dialgate_tenant_paused{tenant=\"cyberdyne\"} 1.0"));
            ManagementInterface.given()
                    .get("/q/health/ready")
                    .then()
                    .statusCode(200)
                    .body(
                            "checks.find { it.name == 'dialgate tenants' }.data.cyberdyne",
                            containsString("paused until"));
        } finally {
            redis.execute("DEL", keys.pause());
        }
        wakeForItsNextClaimRound("cyberdyne");
        await().atMost(Duration.ofSeconds(4))
                .until(() -> !conditions.of("cyberdyne").paused());
    }

    /**
     * The tenant's next claim round, on this instance: a write routed to it wakes it (an idle tenant has no round of
     * its own before its next wake-up, due time or sweep turn).
     */
    private void wakeForItsNextClaimRound(String tenant) {
        String contact = TestTenants.newContactId();
        genesys.contacts().put(list, contact, Map.of("tier", "silver"));
        TestTenants.client(tenant).accept(list, contact, "{\"data\":{\"tier\":\"gold\"}}");
    }
}
