package io.dialgate.dispatch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dialgate.simulator.GenesysSimulator;
import io.dialgate.simulator.RecordedPut;
import io.dialgate.testing.CallbackReceiver;
import io.dialgate.testing.DialgateClient;
import io.dialgate.testing.InjectCallbackReceiver;
import io.dialgate.testing.InjectSimulator;
import io.dialgate.testing.TestTenants;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static io.dialgate.testing.TestTenants.HOOLI;
import static io.dialgate.testing.TestTenants.HOOLI_CALLBACKS;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * Issue 10, hole 3: one bad write does not fail its neighbours. Writes merged into one PUT that Genesys refuses for
 * its content (400: the simulator's contact list refuses a value) are split, so only the write carrying the refused
 * value fails; each write keeps its own columns; a dead letter retried later never sends a value older than one a
 * later write applied since.
 */
@QuarkusTest
class RefusedWriteSplitTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String BAD_EMAIL = "not-an-email";

    @InjectSimulator
    GenesysSimulator genesys;

    @InjectCallbackReceiver
    CallbackReceiver crm;

    private final DialgateClient hooli = TestTenants.client(HOOLI);
    private final String list = TestTenants.newListId();

    @BeforeEach
    void crmUpAndListRefusesTheBadValue() {
        crm.answer(HOOLI_CALLBACKS, 204);
        genesys.faults().refuseValue("email", BAD_EMAIL);
    }

    @AfterEach
    void listTakesTheValueAgain() {
        genesys.faults().acceptValue("email", BAD_EMAIL);
    }

    @Test
    void onlyTheWriteGenesysRefusesFailsAndItsNeighboursAreAppliedInTheirOrder() {
        String contact = TestTenants.newContactId();
        genesys.contacts().put(list, contact, Map.of("tier", "silver"));
        // One batch: the three writes are stored in one script, so they are claimed and PUT merged.
        List<String> writes = batch(
                contact,
                "{\"tier\":\"gold\",\"color\":\"red\"}",
                "{\"tier\":\"platinum\",\"email\":\"" + BAD_EMAIL + "\"}",
                "{\"region\":\"eu\"}");

        hooli.awaitState(writes.get(0), "APPLIED");
        hooli.awaitState(writes.get(1), "FAILED");
        hooli.awaitState(writes.get(2), "APPLIED");

        assertEquals(
                Map.of("tier", "gold", "color", "red", "region", "eu"),
                genesys.contacts().get(list, contact).orElseThrow().data(),
                "the neighbours' columns are applied in their order; the refused write's are not");
        Response failed = hooli.status(writes.get(1));
        assertEquals(400, failed.<Integer>path("lastError.status"));
        assertEquals("PUT", failed.<String>path("lastError.call"));
        assertNull(hooli.status(writes.get(0)).path("lastError"));
        List<RecordedPut> puts = genesys.requestLog().puts(list, contact);
        assertEquals(400, puts.get(0).status(), "the merged PUT was refused first: " + puts);
        for (RecordedPut put : puts) {
            if (put.status() == 200) {
                assertFalse(put.body().path("data").has("email"), "no accepted PUT carries the refused value");
            }
        }

        await().atMost(Duration.ofSeconds(15))
                .until(() -> callbacks(contact, "write.failed").size() == 1
                        && callbacks(contact, "write.applied").size() == 2);
        assertEquals(
                writes.get(1),
                callbacks(contact, "write.failed")
                        .get(0)
                        .path("data")
                        .path("writeId")
                        .asText());
        assertEquals(
                List.of(writes.get(0), writes.get(2)),
                callbacks(contact, "write.applied").stream()
                        .map(event -> event.path("data").path("writeId").asText())
                        .toList());
        assertEquals(
                "eu",
                callbacks(contact, "write.applied")
                        .get(1)
                        .path("data")
                        .path("columns")
                        .path("region")
                        .asText());
    }

    @Test
    void aRetriedDeadLetterSendsItsOwnColumnsButNoValueALaterAppliedWriteReplaced() {
        String contact = TestTenants.newContactId();
        genesys.contacts().put(list, contact, Map.of("tier", "silver"));
        List<String> first =
                batch(contact, "{\"tier\":\"platinum\",\"email\":\"" + BAD_EMAIL + "\"}", "{\"color\":\"red\"}");
        hooli.awaitState(first.get(0), "FAILED");
        hooli.awaitState(first.get(1), "APPLIED");
        String later = hooli.accept(list, contact, "{\"data\":{\"tier\":\"diamond\"}}");
        hooli.awaitState(later, "APPLIED");

        genesys.faults().acceptValue("email", BAD_EMAIL);
        hooli.crm()
                .post("/v1/tenants/{t}/dead-letters/{id}:retry", HOOLI, first.get(0))
                .then()
                .statusCode(202);
        hooli.awaitState(first.get(0), "APPLIED");

        assertEquals(
                Map.of("tier", "diamond", "color", "red", "email", BAD_EMAIL),
                genesys.contacts().get(list, contact).orElseThrow().data(),
                "the retried write sets its own column, not the tier a later write replaced");
    }

    private List<String> batch(String contact, String... data) {
        StringBuilder body = new StringBuilder("{\"writes\":[");
        for (int i = 0; i < data.length; i++) {
            body.append(i == 0 ? "" : ",")
                    .append("{\"contactId\":\"")
                    .append(contact)
                    .append("\",\"data\":")
                    .append(data[i])
                    .append('}');
        }
        Response response = hooli.crm()
                .body(body.append("]}").toString())
                .post("/v1/tenants/{t}/contactlists/{l}/writes:batch", HOOLI, list);
        response.then().statusCode(202);
        return response.jsonPath().getList("results.writeId", String.class);
    }

    /** The callbacks of a type for the contact the CRM received, first delivery of each only, in order. */
    private List<JsonNode> callbacks(String contact, String type) {
        return crm.on(HOOLI_CALLBACKS).stream()
                .filter(request -> request.answered() / 100 == 2)
                .map(request -> body(request.bodyText()))
                .filter(event -> type.equals(event.path("type").asText())
                        && contact.equals(event.path("data")
                                .path("contact")
                                .path("contactId")
                                .asText()))
                .collect(java.util.stream.Collectors.toMap(
                        event -> event.path("data").path("writeId").asText(),
                        event -> event,
                        (a, b) -> a,
                        java.util.LinkedHashMap::new))
                .values()
                .stream()
                .toList();
    }

    private static JsonNode body(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
