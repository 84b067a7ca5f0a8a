package io.dialgate.callbacks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.standardwebhooks.Webhook;
import io.dialgate.simulator.Dial;
import io.dialgate.simulator.DialOutcome;
import io.dialgate.simulator.GenesysSimulator;
import io.dialgate.simulator.ScriptedResponse;
import io.dialgate.testing.CallbackReceiver;
import io.dialgate.testing.CallbackReceiver.Received;
import io.dialgate.testing.DialgateClient;
import io.dialgate.testing.InjectCallbackReceiver;
import io.dialgate.testing.InjectSimulator;
import io.dialgate.testing.ManagementInterface;
import io.dialgate.testing.TestTenants;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URL;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static io.dialgate.testing.TestTenants.HOOLI;
import static io.dialgate.testing.TestTenants.HOOLI_CALLBACKS;
import static io.dialgate.testing.TestTenants.SOYLENT;
import static io.dialgate.testing.TestTenants.SOYLENT_CALLBACKS;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Outcome callbacks as a CRM receives them: on a real HTTP endpoint, verified with the reference Standard Webhooks
 * library (an implementation independent of dialgate's signer), through outages, slow endpoints and dead letters.
 */
@QuarkusTest
class CallbacksTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @InjectSimulator
    GenesysSimulator genesys;

    @InjectCallbackReceiver
    CallbackReceiver crm;

    @TestHTTPResource("/")
    URL dialgate;

    private final DialgateClient hooli = TestTenants.client(HOOLI);
    private final DialgateClient soylent = TestTenants.client(SOYLENT);
    private final String list = TestTenants.newListId();

    @BeforeEach
    void endpointsUp() {
        crm.answer(HOOLI_CALLBACKS, 204);
        crm.answer(SOYLENT_CALLBACKS, 200);
    }

    private String seed() {
        String contact = TestTenants.newContactId();
        genesys.contacts().put(list, contact, Map.of("tier", "silver"));
        return contact;
    }

    private void eventsTo(DialgateClient tenant) {
        genesys.dialer().setEventsSink(URI.create(dialgate + tenant.eventsPath().substring(1)), tenant.ingestToken());
    }

    private static JsonNode body(Received request) {
        try {
            return JSON.readTree(request.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String contactOf(Received request) {
        return body(request).path("data").path("contact").path("contactId").asText();
    }

    /** The callbacks of one contact the CRM accepted (2xx), first delivery of each id only, in arrival order. */
    private List<JsonNode> delivered(String path, String contact) {
        Set<String> seen = new LinkedHashSet<>();
        List<JsonNode> events = new ArrayList<>();
        for (Received request : crm.on(path, r -> r.answered() / 100 == 2 && contact.equals(contactOf(r)))) {
            if (seen.add(request.id())) {
                events.add(body(request));
            }
        }
        return events;
    }

    private static List<String> types(List<JsonNode> events) {
        return events.stream().map(event -> event.get("type").asText()).toList();
    }

    private static void verifiesWith(String secret, Received request) {
        Map<String, List<String>> headers = request.headers().entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, entry -> List.of(entry.getValue())));
        assertDoesNotThrow(
                () -> new Webhook(secret).verify(request.bodyText(), headers),
                "signature of " + request.id() + " verifies with the reference library");
    }

    @Test
    void everyEventTypeArrivesSignedWithEachSecretAndCarriesItsOutcome() {
        eventsTo(hooli);
        // A first apply fetches the token and warms up, so the 409 below is answered well within the test's lease.
        hooli.awaitState(hooli.accept(list, seed(), "{\"data\":{\"tier\":\"gold\"}}"), "APPLIED");
        String contact = seed();
        String failing = seed();
        genesys.faults().nextPut(contact, ScriptedResponse.genesysError(409, "conflict", "contact in use"));
        genesys.faults().nextPut(failing, ScriptedResponse.genesysError(400, "bad.request", "invalid data"));

        String applied = hooli.accept(list, contact, "{\"data\":{\"tier\":\"gold\"}}");
        String refused = hooli.accept(list, failing, "{\"data\":{\"tier\":\"gold\"}}");
        hooli.awaitState(applied, "APPLIED");
        hooli.awaitState(refused, "FAILED");
        Dial dial = genesys.dialer().begin(list, contact, DialOutcome.NO_ANSWER);
        dial.outbound();
        dial.postContact();

        await().atMost(Duration.ofSeconds(15))
                .until(() -> delivered(HOOLI_CALLBACKS, contact).size() == 4
                        && delivered(HOOLI_CALLBACKS, failing).size() == 1);
        List<JsonNode> events = delivered(HOOLI_CALLBACKS, contact);
        assertEquals(List.of("write.held", "write.applied", "dial.started", "dial.ended"), types(events));

        JsonNode held = events.get(0).get("data");
        assertEquals(applied, held.get("writeId").asText());
        assertEquals(list, held.get("contact").get("contactListId").asText());
        JsonNode write = events.get(1).get("data");
        assertEquals(applied, write.get("writeId").asText());
        assertEquals("gold", write.get("columns").get("tier").asText());
        assertDoesNotThrow(() -> Instant.parse(write.get("appliedAt").asText()));
        assertEquals(
                dial.campaignId(), events.get(2).get("data").get("campaignId").asText());
        JsonNode ended = events.get(3).get("data");
        assertEquals("post_contact", ended.get("endedBy").asText());
        assertEquals("ININ-OUTBOUND-NO-ANSWER", ended.get("wrapupCode").asText());
        assertEquals(
                DialOutcome.NO_ANSWER.callAnalysisDisposition(),
                ended.get("callAnalysisDisposition").asText());
        assertFalse(ended.get("isRightPartyContact").asBoolean());
        JsonNode failed = delivered(HOOLI_CALLBACKS, failing).get(0);
        assertEquals("write.failed", failed.get("type").asText());
        assertEquals(refused, failed.get("data").get("writeId").asText());
        assertEquals(400, failed.get("data").get("error").get("status").asInt());
        assertEquals("PUT", failed.get("data").get("error").get("call").asText());

        for (Received request :
                crm.on(HOOLI_CALLBACKS, r -> Set.of(contact, failing).contains(contactOf(r)))) {
            verifiesWith(TestTenants.HOOLI_CALLBACK_SECRET, request);
            verifiesWith(TestTenants.HOOLI_CALLBACK_SECRET_OLD, request);
            assertEquals("application/json", request.headers().get("content-type"));
        }
    }

    @Test
    void anEndpointDownForAWhileGetsEveryEventAfterwardsUnderItsIdAndInEachContactsOrder() {
        crm.answer(HOOLI_CALLBACKS, 503);
        List<String> contacts = List.of(seed(), seed(), seed(), seed());
        Map<String, List<String>> writes = new java.util.HashMap<>();
        for (int round = 0; round < 3; round++) {
            for (String contact : contacts) {
                String id = hooli.accept(list, contact, "{\"data\":{\"tier\":\"gold" + round + "\"}}");
                writes.computeIfAbsent(contact, c -> new ArrayList<>()).add(id);
                hooli.awaitState(id, "APPLIED");
            }
        }
        await().atMost(Duration.ofSeconds(10))
                .until(() -> crm.on(HOOLI_CALLBACKS, r -> contacts.contains(contactOf(r)))
                                .size()
                        >= 8);

        crm.answer(HOOLI_CALLBACKS, 204);

        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> contacts.stream()
                        .allMatch(contact -> delivered(HOOLI_CALLBACKS, contact).size() == 3));
        for (String contact : contacts) {
            List<String> ids = delivered(HOOLI_CALLBACKS, contact).stream()
                    .map(event -> event.get("data").get("writeId").asText())
                    .toList();
            assertEquals(writes.get(contact), ids, "each write's event, in the order the writes were applied");
        }
        List<Received> all = crm.on(HOOLI_CALLBACKS, r -> contacts.contains(contactOf(r)));
        Map<String, List<Received>> attemptsById = all.stream().collect(Collectors.groupingBy(Received::id));
        assertEquals(12, attemptsById.size(), "one webhook-id per event, whatever the attempts");
        assertTrue(attemptsById.values().stream().anyMatch(attempts -> attempts.size() > 1), "some were retried");
        attemptsById.values().forEach(attempts -> {
            assertEquals(1, attempts.stream().map(Received::bodyText).distinct().count(), "same body on each retry");
            attempts.forEach(attempt -> verifiesWith(TestTenants.HOOLI_CALLBACK_SECRET, attempt));
        });
    }

    @Test
    void aSlowCrmEndpointDelaysNeitherItsTenantsAppliesNorAnotherTenantsCallbacks() {
        crm.answer(SOYLENT_CALLBACKS, 200, Duration.ofMillis(3000));
        List<String> slowContacts = new ArrayList<>();
        List<String> slowWrites = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            String contact = seed();
            slowContacts.add(contact);
            slowWrites.add(soylent.accept(list, contact, "{\"data\":{\"tier\":\"gold\"}}"));
        }
        await().atMost(Duration.ofSeconds(5))
                .until(() -> !crm.on(SOYLENT_CALLBACKS).isEmpty()
                        || slowWrites.stream().allMatch(id -> soylent.state(id).equals("APPLIED")));

        String contact = seed();
        Instant accepted = Instant.now();
        String write = hooli.accept(list, contact, "{\"data\":{\"tier\":\"gold\"}}");
        await().atMost(Duration.ofSeconds(10))
                .until(() -> delivered(HOOLI_CALLBACKS, contact).size() == 1);
        Duration hooliCallback = Duration.between(
                accepted,
                crm.on(HOOLI_CALLBACKS, r -> contact.equals(contactOf(r)))
                        .get(0)
                        .at());
        assertTrue(
                hooliCallback.compareTo(Duration.ofMillis(2500)) < 0,
                "hooli's callback took " + hooliCallback + " while soylent's endpoint takes 3 s an event");
        assertEquals("APPLIED", hooli.state(write));
        slowWrites.forEach(id -> assertEquals("APPLIED", soylent.state(id), "soylent's applies do not wait"));
        assertTrue(
                slowContacts.stream()
                                .filter(c -> !delivered(SOYLENT_CALLBACKS, c).isEmpty())
                                .count()
                        < 12,
                "soylent's callbacks were still being delivered");

        await().atMost(Duration.ofSeconds(30))
                .until(() -> slowContacts.stream()
                        .allMatch(c -> delivered(SOYLENT_CALLBACKS, c).size() == 1));
    }

    @Test
    void anEventFailingForItsWholeWindowIsDeadLetteredListedAndReplayedUnderItsId() {
        crm.answer(SOYLENT_CALLBACKS, 500);
        eventsTo(soylent);
        String contact = seed();
        String write = soylent.accept(list, contact, "{\"data\":{\"tier\":\"gold\"}}");
        soylent.awaitState(write, "APPLIED");

        await().atMost(Duration.ofSeconds(15))
                .pollInterval(Duration.ofMillis(300))
                .until(() -> soylent
                        .crm()
                        .get("/v1/tenants/soylent/callbacks/dead-letters")
                        .then()
                        .statusCode(200)
                        .extract()
                        .<List<Map<String, Object>>>path("items")
                        .stream()
                        .anyMatch(item -> contact.equals(item.get("contactId"))));
        Map<String, Object> dead = soylent
                .crm()
                .get("/v1/tenants/soylent/callbacks/dead-letters")
                .then()
                .extract()
                .<List<Map<String, Object>>>path("items")
                .stream()
                .filter(item -> contact.equals(item.get("contactId")))
                .findFirst()
                .orElseThrow();
        assertEquals("write.applied", dead.get("type"));
        assertEquals("HTTP 500", dead.get("lastError"));
        String id = (String) dead.get("id");
        assertTrue(
                crm.on(SOYLENT_CALLBACKS).stream()
                                .filter(r -> r.id().equals(id))
                                .count()
                        >= 2,
                "retried first");

        // The contact's later events are not stuck behind the dead letter; soylent does not want dial.started.
        Dial dial = genesys.dialer().begin(list, contact);
        crm.answer(SOYLENT_CALLBACKS, 200);
        dial.postContact();
        await().atMost(Duration.ofSeconds(10))
                .until(() -> types(delivered(SOYLENT_CALLBACKS, contact)).equals(List.of("dial.ended")));

        soylent.crm()
                .post("/v1/tenants/soylent/callbacks/dead-letters/{id}:retry", id)
                .then()
                .statusCode(202)
                .body("id", equalTo(id))
                .body("state", equalTo("QUEUED"));
        await().atMost(Duration.ofSeconds(10))
                .until(() ->
                        types(delivered(SOYLENT_CALLBACKS, contact)).equals(List.of("dial.ended", "write.applied")));
        assertEquals(
                id,
                crm.on(SOYLENT_CALLBACKS, r -> r.answered() == 200 && contact.equals(contactOf(r)))
                        .get(1)
                        .id(),
                "a replay keeps the event's webhook-id");
        assertEquals(
                write,
                delivered(SOYLENT_CALLBACKS, contact)
                        .get(1)
                        .get("data")
                        .get("writeId")
                        .asText());
    }

    @Test
    void theDeadLetterApiAnswersProblemsLikeTheRestOfTheCrmApi() {
        soylent.crm()
                .post("/v1/tenants/soylent/callbacks/dead-letters/{id}:retry", "msg_unknown")
                .then()
                .statusCode(404)
                .contentType("application/problem+json");
        soylent.crm()
                .post("/v1/tenants/soylent/callbacks/dead-letters/{id}%3Aretry", "msg_unknown")
                .then()
                .statusCode(404);
        soylent.crm()
                .queryParam("limit", 0)
                .get("/v1/tenants/soylent/callbacks/dead-letters")
                .then()
                .statusCode(400)
                .contentType("application/problem+json");
        hooli.crm()
                .get("/v1/tenants/soylent/callbacks/dead-letters")
                .then()
                .statusCode(401)
                .contentType("application/problem+json");
    }

    @Test
    void metricsAndTheDeadLetterApiNeverShowASecretOrTheEndpoint() {
        String metrics = ManagementInterface.metrics();
        String deadLetters = soylent.crm()
                .get("/v1/tenants/soylent/callbacks/dead-letters")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        assertTrue(metrics.contains("dialgate_callbacks_queued{tenant=\"hooli\"}"), "the queue depth is measured");
        for (String text : List.of(metrics, deadLetters)) {
            for (String secret : List.of(
                    TestTenants.HOOLI_CALLBACK_SECRET,
                    TestTenants.HOOLI_CALLBACK_SECRET_OLD,
                    TestTenants.SOYLENT_CALLBACK_SECRET)) {
                assertFalse(text.contains(secret.substring("whsec_".length())));
            }
            assertFalse(text.contains("/crm/"), "no callback URL");
        }
    }
}
