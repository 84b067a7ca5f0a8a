package io.dialgate.writes;

import io.dialgate.simulator.Dial;
import io.dialgate.simulator.GenesysSimulator;
import io.dialgate.simulator.RecordedPut;
import io.dialgate.simulator.ScriptedResponse;
import io.dialgate.testing.DialgateClient;
import io.dialgate.testing.InjectSimulator;
import io.dialgate.testing.OpenApiConformance;
import io.dialgate.testing.TestTenants;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URI;
import java.net.URL;
import java.util.List;
import java.util.Map;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Idempotency keys, batches, replace mode, stats and dead letters. */
@QuarkusTest
@ExtendWith(OpenApiConformance.class)
class WritePipelineTest {

    @InjectSimulator
    GenesysSimulator genesys;

    @TestHTTPResource("/")
    URL dialgate;

    private final DialgateClient acme = DialgateClient.acme();
    private final String list = TestTenants.newListId();
    private final String contact = TestTenants.newContactId();

    @BeforeEach
    void seedContact() {
        genesys.dialer().setEventsSink(URI.create(dialgate + acme.eventsPath().substring(1)), acme.ingestToken());
        genesys.contacts().put(list, contact, Map.of("phone", "+13175550100", "tier", "silver"));
    }

    private Response writeWithKey(String key, String body) {
        return acme.crm()
                .header("Idempotency-Key", key)
                .body(body)
                .patch("/v1/tenants/acme/contactlists/{l}/contacts/{c}", list, contact);
    }

    @Test
    void theSameIdempotencyKeyAndBodyAnswerTheOriginalWriteAndStoreNothingMore() {
        Dial dial = genesys.dialer().begin(list, contact);
        String first = writeWithKey("order-1001", "{\"data\":{\"tier\":\"gold\"}}")
                .then()
                .statusCode(202)
                .extract()
                .path("writeId");

        writeWithKey("order-1001", "{\"data\": {\"tier\": \"gold\"}}")
                .then()
                .statusCode(202)
                .header("Idempotent-Replayed", "true")
                .body("writeId", equalTo(first))
                .body("state", equalTo("HELD"));

        acme.dialState(list, contact).then().body("pendingWrites", equalTo(1));
        dial.postContact();
        acme.awaitState(first, "APPLIED");
    }

    @Test
    void theSameIdempotencyKeyWithAnotherBodyGets422AndStoresNothing() {
        Dial dial = genesys.dialer().begin(list, contact);
        writeWithKey("order-1002", "{\"data\":{\"tier\":\"gold\"}}").then().statusCode(202);

        writeWithKey("order-1002", "{\"data\":{\"tier\":\"platinum\"}}")
                .then()
                .statusCode(422)
                .contentType("application/problem+json")
                .body(
                        "detail",
                        equalTo("This Idempotency-Key was already used with a different request; "
                                + "use a new key for a new request."));

        acme.dialState(list, contact).then().body("pendingWrites", equalTo(1));
        dial.postContact();
    }

    @Test
    void aBatchAcceptsTheValidItemsAndRefusesTheOthersInPlace() {
        String other = TestTenants.newContactId();
        genesys.contacts().put(list, other, Map.of("tier", "bronze"));
        String body = "{\"writes\": ["
                + "{\"contactId\": \"" + contact + "\", \"data\": {\"tier\": \"gold\"}},"
                + "{\"contactId\": \"" + other + "\", \"data\": {\"tier\": 7}},"
                + "{\"data\": {\"tier\": \"gold\"}},"
                + "{\"contactId\": \"" + other + "\", \"data\": {\"tier\": \"platinum\"}, \"mode\": \"replace\"}]}";

        Response response = acme.crm().body(body).post("/v1/tenants/acme/contactlists/{l}/writes:batch", list);

        response.then()
                .statusCode(202)
                .body("results[0].state", equalTo("QUEUED"))
                .body("results[1].status", equalTo(400))
                .body(
                        "results[1].detail",
                        equalTo("data.tier must be a string (Genesys stores contact columns as "
                                + "strings); got number."))
                .body(
                        "results[2].detail",
                        equalTo("contactId must be 1-256 characters, not . or .., without /, \\, whitespace or control "
                                + "characters."))
                .body("results[3].state", equalTo("QUEUED"));
        acme.awaitState(response.path("results[0].writeId"), "APPLIED");
        acme.awaitState(response.path("results[3].writeId"), "APPLIED");
        assertEquals(
                Map.of("tier", "platinum"),
                genesys.contacts().get(list, other).orElseThrow().data());
    }

    @Test
    void aReplayedBatchAnswersTheOriginalResults() {
        String body = "{\"writes\": [{\"contactId\": \"" + contact + "\", \"data\": {\"tier\": \"gold\"}}]}";
        String first = acme.crm()
                .header("Idempotency-Key", "batch-77")
                .body(body)
                .post("/v1/tenants/acme/contactlists/{l}/writes:batch", list)
                .then()
                .statusCode(202)
                .extract()
                .path("results[0].writeId");

        acme.crm()
                .header("Idempotency-Key", "batch-77")
                .body(body)
                .post("/v1/tenants/acme/contactlists/{l}/writes:batch", list)
                .then()
                .statusCode(202)
                .header("Idempotent-Replayed", "true")
                .body("results[0].writeId", equalTo(first));
        acme.crm()
                .header("Idempotency-Key", "batch-77")
                .body("{\"writes\": []}")
                .post("/v1/tenants/acme/contactlists/{l}/writes:batch", list)
                .then()
                .statusCode(422);
    }

    @Test
    void aBatchOfMoreThanAThousandWritesGets413() {
        String item = "{\"contactId\": \"" + contact + "\", \"data\": {\"a\": \"b\"}},";
        String body = "{\"writes\": [" + item.repeat(1000) + item.substring(0, item.length() - 1) + "]}";
        acme.crm()
                .body(body)
                .post("/v1/tenants/acme/contactlists/{l}/writes:batch", list)
                .then()
                .statusCode(413)
                .body("detail", equalTo("The batch has 1001 writes; at most 1000 are accepted in one request."));
    }

    @Test
    void replaceModeSetsExactlyTheGivenDataWithoutReadingTheContact() {
        String writeId = acme.accept(list, contact, "{\"data\":{\"tier\":\"gold\"},\"mode\":\"replace\"}");

        acme.awaitState(writeId, "APPLIED");
        assertEquals(
                Map.of("tier", "gold"),
                genesys.contacts().get(list, contact).orElseThrow().data());
        assertTrue(
                genesys.requestLog()
                        .requests(r -> r.method().equals("GET") && contact.equals(r.contactId()))
                        .isEmpty(),
                "replace mode needs no GET");
    }

    @Test
    void aMergeAfterAReplaceDuringOneDialAddsToTheReplacedData() {
        Dial dial = genesys.dialer().begin(list, contact);
        String replace = acme.accept(list, contact, "{\"data\":{\"tier\":\"gold\"},\"mode\":\"replace\"}");
        String merge = acme.accept(list, contact, "{\"data\":{\"note\":\"vip\"}}");

        dial.postContact();

        acme.awaitState(replace, "APPLIED");
        acme.awaitState(merge, "APPLIED");
        assertEquals(
                Map.of("tier", "gold", "note", "vip"),
                genesys.contacts().get(list, contact).orElseThrow().data());
    }

    @Test
    void statsCountHeldWritesAndTheAgeOfTheOldest() {
        Dial dial = genesys.dialer().begin(list, contact);
        acme.accept(list, contact, "{\"data\":{\"tier\":\"gold\"}}");
        acme.accept(list, contact, "{\"data\":{\"note\":\"x\"}}");

        Response stats = acme.crm().get("/v1/tenants/acme/stats");

        stats.then().statusCode(200).body("pausedUntil", nullValue());
        assertTrue(stats.<Integer>path("held") >= 2, "held: " + stats.path("held"));
        assertTrue(stats.<Integer>path("oldestHeldSeconds") >= 0);
        dial.postContact();
    }

    @Test
    void aFailedWriteIsADeadLetterAndCanBeRetriedOnceTheCauseIsFixed() {
        genesys.faults()
                .nextPut(
                        contact,
                        ScriptedResponse.genesysError(
                                403,
                                "missing.division.permission",
                                "You are missing the following permission: outbound:contact:edit"));
        String writeId = acme.accept(list, contact, "{\"data\":{\"tier\":\"gold\"}}");
        acme.awaitState(writeId, "FAILED");

        acme.crm()
                .get("/v1/tenants/acme/dead-letters?limit=500")
                .then()
                .statusCode(200)
                .body("items.writeId", hasItem(writeId));

        acme.crm()
                .post("/v1/tenants/acme/dead-letters/{id}:retry", writeId)
                .then()
                .statusCode(202)
                .body("writeId", equalTo(writeId))
                .body("state", equalTo("QUEUED"));
        acme.awaitState(writeId, "APPLIED");
        assertEquals(
                "gold",
                genesys.contacts().get(list, contact).orElseThrow().data().get("tier"));
        List<Integer> statuses = genesys.requestLog().puts(list, contact).stream()
                .map(RecordedPut::status)
                .toList();
        assertEquals(List.of(403, 200), statuses);
    }

    @Test
    void retryingAWriteThatHasNotFailedGets409() {
        String writeId = acme.accept(list, contact, "{\"data\":{\"tier\":\"gold\"}}");
        acme.awaitState(writeId, "APPLIED");

        acme.crm()
                .post("/v1/tenants/acme/dead-letters/{id}:retry", writeId)
                .then()
                .statusCode(409)
                .contentType("application/problem+json");
    }
}
