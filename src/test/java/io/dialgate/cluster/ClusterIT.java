package io.dialgate.cluster;

import io.dialgate.simulator.GenesysSimulator;
import io.dialgate.simulator.LatencyPolicy;
import io.dialgate.testing.DialgateProcess;
import io.dialgate.testing.RedisProcess;
import io.dialgate.testing.TestTenants;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * dialgate as it runs in Kubernetes: several processes of the production jar sharing one Redis. Runs in the
 * integration-test phase (it needs the packaged jar).
 */
class ClusterIT {

    private RedisProcess redis;
    private GenesysSimulator genesys;
    private final List<DialgateProcess> instances = new ArrayList<>();
    private final String list = TestTenants.newListId();

    @BeforeEach
    void startRedisAndGenesys() {
        redis = RedisProcess.start();
        genesys = ClusterTenants.simulator();
    }

    @AfterEach
    void stopAll() {
        instances.forEach(DialgateProcess::close);
        genesys.close();
        redis.close();
    }

    private DialgateProcess instance(Map<String, String> extra, int requestsPerMinute) {
        Map<String, String> env = new HashMap<>(ClusterTenants.DISPATCH);
        env.putAll(extra);
        DialgateProcess instance = DialgateProcess.launch(redis.uri(), ClusterTenants.acme(genesys, requestsPerMinute))
                .jvmOptions("-Xmx256m")
                .environment(env)
                .start();
        instances.add(instance);
        return instance;
    }

    private static String accept(DialgateProcess instance, String list, String contact, String body) {
        return given().baseUri(instance.baseUri().toString())
                .contentType(ContentType.JSON)
                .header("Authorization", "Bearer " + ClusterTenants.CRM_TOKEN)
                .body(body)
                .patch("/v1/tenants/acme/contactlists/{l}/contacts/{c}", list, contact)
                .then()
                .statusCode(202)
                .extract()
                .path("writeId");
    }

    private static String state(URI base, String writeId) {
        return given().baseUri(base.toString())
                .header("Authorization", "Bearer " + ClusterTenants.CRM_TOKEN)
                .get("/v1/tenants/acme/writes/{id}", writeId)
                .then()
                .statusCode(200)
                .extract()
                .path("state");
    }

    private List<String> seedContacts(int count) {
        List<String> contacts = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String contact = TestTenants.newContactId();
            genesys.contacts().put(list, contact, Map.of("tier", "silver"));
            contacts.add(contact);
        }
        return contacts;
    }

    @Test
    void twoInstancesSharingRedisStayWithinTheTenantsOneBudget() {
        int perMinute = 1200;
        DialgateProcess first = instance(Map.of(), perMinute);
        DialgateProcess second = instance(Map.of(), perMinute);
        List<String> writes = new ArrayList<>();
        List<String> contacts = seedContacts(80);
        for (int round = 0; round < 3; round++) {
            for (int i = 0; i < contacts.size(); i++) {
                DialgateProcess target = i % 2 == 0 ? first : second;
                writes.add(accept(target, list, contacts.get(i), "{\"data\":{\"tier\":\"gold" + round + "\"}}"));
            }
        }

        await().atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> writes.stream()
                        .allMatch(id -> state(first.baseUri(), id).equals("APPLIED")));

        int inTenSeconds = genesys.maxRequestsInAnyWindow(ClusterTenants.CLIENT_ID, Duration.ofSeconds(10));
        // The budget lets a burst of perMinute/10 through, then one call per interval, by Redis's clock. The window is
        // measured by arrival at the simulator, where calls jitter by milliseconds: one call more can fall inside it.
        assertTrue(inTenSeconds <= perMinute / 6 + perMinute / 10 + 1, inTenSeconds + " calls in 10 s");
        contacts.forEach(contact -> assertEquals(
                "gold2",
                genesys.contacts().get(list, contact).orElseThrow().data().get("tier")));
        // Writes are PUTs one contact at a time, or upserts (POST) in bulk (apply-mode auto).
        long applyingInstances =
                genesys
                        .requestLog()
                        .requests(r -> r.method().equals("PUT") || r.method().equals("POST"))
                        .stream()
                        .map(r -> r.clientId())
                        .distinct()
                        .count();
        assertEquals(1, applyingInstances, "one OAuth client for the tenant, whichever instance calls");
    }

    @Test
    void onSigtermAppliesInFlightAreFinishedOrGivenBackAndNothingStaysLeased() throws Exception {
        // Writes (PUT, or the upsert's POST) take 4 s; the drain is 1 s: the applies in flight cannot finish and must
        // be
        // given back.
        genesys.faults()
                .latency((method, path) ->
                        method.equals("PUT") || method.equals("POST") ? Duration.ofSeconds(4) : Duration.ZERO);
        DialgateProcess dying = instance(Map.of("DIALGATE_DISPATCH_SHUTDOWN_DRAIN", "1S"), 60_000);
        List<String> contacts = seedContacts(6);
        List<String> writes = new ArrayList<>();
        contacts.forEach(contact -> writes.add(accept(dying, list, contact, "{\"data\":{\"tier\":\"gold\"}}")));
        await().atMost(Duration.ofSeconds(10))
                .until(() -> writes.stream()
                        .anyMatch(id -> state(dying.baseUri(), id).equals("IN_FLIGHT")));

        int exit = dying.terminate(Duration.ofSeconds(20));

        assertEquals(0L, redis.integer("ZCARD", "dg:{t:acme}:inflight"), "nothing leased after shutdown");
        assertTrue(exit == 0 || exit == 143, "exit code " + exit);
        genesys.faults().latency(LatencyPolicy.NONE);
        DialgateProcess next = instance(Map.of(), 60_000);
        await().atMost(Duration.ofSeconds(20))
                .until(() ->
                        writes.stream().allMatch(id -> state(next.baseUri(), id).equals("APPLIED")));
    }
}
