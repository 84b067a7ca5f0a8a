package io.dialgate.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.standardwebhooks.Webhook;
import io.dialgate.simulator.GenesysSimulator;
import io.dialgate.testing.CallbackReceiver;
import io.dialgate.testing.CallbackReceiver.Received;
import io.dialgate.testing.DialgateProcess;
import io.dialgate.testing.RedisProcess;
import io.dialgate.testing.TestTenants;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The callback path survives what a pod goes through: kill -9 in the middle of deliveries, and a CRM endpoint that is
 * down for a while (15 s here; {@code -Ddialgate.it.callback-outage=600} for the 10-minute version, see
 * faults/callback-outage.sh). Runs the packaged jar as processes.
 */
class CallbacksIT {

    private static final String PATH = "/crm/webhooks";
    private static final String SECRET = "whsec_Y2x1c3Rlci1jYWxsYmFjay1zZWNyZXQtZm9yLWl0cw==";
    private static final ObjectMapper JSON = new ObjectMapper();

    private RedisProcess redis;
    private GenesysSimulator genesys;
    private CallbackReceiver crm;
    private final List<DialgateProcess> instances = new ArrayList<>();
    private final String list = TestTenants.newListId();

    @BeforeEach
    void start() {
        redis = RedisProcess.start();
        genesys = ClusterTenants.simulator();
        crm = CallbackReceiver.start();
    }

    @AfterEach
    void stop() {
        instances.forEach(DialgateProcess::close);
        crm.close();
        genesys.close();
        redis.close();
    }

    private DialgateProcess instance() {
        Map<String, String> env = new HashMap<>(ClusterTenants.DISPATCH);
        env.put("DIALGATE_TENANTS_ACME_CALLBACKS_URL", crm.url(PATH));
        env.put("DIALGATE_TENANTS_ACME_CALLBACKS_SECRET", SECRET);
        env.put("DIALGATE_CALLBACKS_POLL_INTERVAL", "200MS");
        env.put("DIALGATE_CALLBACKS_TIMEOUT", "3S");
        env.put("DIALGATE_CALLBACKS_CONNECT_TIMEOUT", "1S");
        env.put("DIALGATE_CALLBACKS_LEASE", "5S");
        env.put("DIALGATE_CALLBACKS_BACKOFF_BASE", "200MS");
        env.put("DIALGATE_CALLBACKS_BACKOFF_CAP", "3S");
        env.put("DIALGATE_CALLBACKS_BREAKER_DELAY", "2S");
        DialgateProcess instance = DialgateProcess.launch(redis.uri(), ClusterTenants.acme(genesys, 60_000))
                .jvmOptions("-Xmx256m")
                .environment(env)
                .start();
        instances.add(instance);
        return instance;
    }

    private String accept(DialgateProcess instance, String contact, String tier) {
        return given().baseUri(instance.baseUri().toString())
                .contentType(ContentType.JSON)
                .header("Authorization", "Bearer " + ClusterTenants.CRM_TOKEN)
                .body("{\"data\":{\"tier\":\"" + tier + "\"}}")
                .patch("/v1/tenants/acme/contactlists/{l}/contacts/{c}", list, contact)
                .then()
                .statusCode(202)
                .extract()
                .path("writeId");
    }

    private static JsonNode body(Received request) {
        try {
            return JSON.readTree(request.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Per contact, the write ids of the write.applied events the CRM accepted, first delivery of each id only. */
    private Map<String, List<String>> deliveredWrites() {
        Set<String> seen = new LinkedHashSet<>();
        Map<String, List<String>> byContact = new HashMap<>();
        for (Received request : crm.on(PATH, r -> r.answered() / 100 == 2)) {
            JsonNode event = body(request);
            if (seen.add(request.id()) && event.get("type").asText().equals("write.applied")) {
                byContact
                        .computeIfAbsent(event.at("/data/contact/contactId").asText(), c -> new ArrayList<>())
                        .add(event.at("/data/writeId").asText());
            }
        }
        return byContact;
    }

    @Test
    void killMinus9MidDeliveryAndALongOutageLoseNoEventAndKeepEachContactsOrder() throws Exception {
        Duration outage = Duration.ofSeconds(Long.getLong("dialgate.it.callback-outage", 15));
        crm.answer(PATH, 204, Duration.ofMillis(1500));
        crm.verifySignatures(PATH, (body, headers) -> new Webhook(SECRET).verify(body, headers));
        DialgateProcess first = instance();
        Map<String, List<String>> writes = new LinkedHashMap<>();
        for (int i = 0; i < 20; i++) {
            String contact = TestTenants.newContactId();
            genesys.contacts().put(list, contact, Map.of("tier", "silver"));
            writes.put(contact, new ArrayList<>());
        }
        for (int round = 0; round < 3; round++) {
            for (String contact : writes.keySet()) {
                writes.get(contact).add(accept(first, contact, "gold" + round));
            }
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> crm.on(PATH).size() >= 4);

        first.kill(); // deliveries in flight, leases held, nothing given back
        crm.answer(PATH, 503);
        instance();
        Thread.sleep(outage.toMillis());
        crm.answer(PATH, 204);

        await().atMost(outage.plus(Duration.ofSeconds(90)))
                .pollInterval(Duration.ofSeconds(1))
                .until(() ->
                        deliveredWrites().values().stream().mapToInt(List::size).sum() == 60);
        Map<String, List<String>> delivered = deliveredWrites();
        writes.forEach((contact, ids) ->
                assertEquals(ids, delivered.get(contact), "every write's event, in the contact's order"));
        assertEquals(0L, redis.integer("INCRBY", "dg:{t:acme}:cbcount", "0"), "nothing left queued");
        assertTrue(crm.on(PATH, r -> r.answered() == 503).size() > 0, "the outage was seen");
        Map<String, List<Received>> byId = crm.on(PATH).stream().collect(Collectors.groupingBy(Received::id));
        byId.values()
                .forEach(attempts -> assertEquals(
                        1, attempts.stream().map(Received::bodyText).distinct().count(), "one body per id"));
        assertEquals(
                List.of(),
                crm.on(PATH, r -> r.signatureRefused().isPresent()).stream()
                        .map(r -> r.id() + ": " + r.signatureRefused().orElseThrow())
                        .toList(),
                "every attempt's signature verified on arrival by the Standard Webhooks library");
    }
}
