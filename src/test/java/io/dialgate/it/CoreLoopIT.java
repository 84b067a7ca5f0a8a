package io.dialgate.it;

import io.dialgate.simulator.Dial;
import io.dialgate.simulator.GenesysSimulator;
import io.dialgate.simulator.RecordedPut;
import io.dialgate.testing.DialgateClient;
import io.dialgate.testing.InjectSimulator;
import io.dialgate.testing.TestTenants;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.URL;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The loop dialgate exists for, against the packaged application (the jar, or the native executable with
 * {@code -Dnative}): a CRM write goes to Genesys at once when the contact is idle, and waits for the dial's end
 * otherwise.
 */
@QuarkusIntegrationTest
@WithTestResource(value = ItTenantsResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class CoreLoopIT {

    @InjectSimulator
    GenesysSimulator genesys;

    @TestHTTPResource("/")
    URL dialgate;

    private final DialgateClient acme = DialgateClient.acme();
    private final String list = TestTenants.newListId();
    private final String contact = TestTenants.newContactId();

    @BeforeEach
    void givenAContactInGenesysWhoseEventsReachDialgate() {
        genesys.dialer().setEventsSink(URI.create(dialgate + acme.eventsPath().substring(1)), acme.ingestToken());
        genesys.contacts().put(list, contact, Map.of("phone", "+13175550100", "tier", "silver"));
    }

    @Test
    void aWriteForAnIdleContactIsAppliedWithTheOtherColumnsKept() {
        String writeId = acme.accept(list, contact, "{\"data\":{\"tier\":\"gold\"}}");

        awaitState(writeId, "APPLIED");
        assertEquals(Map.of("phone", "+13175550100", "tier", "gold"), genesysData());
        acme.status(writeId)
                .then()
                .statusCode(200)
                .body("contactListId", equalTo(list))
                .body("contactId", equalTo(contact))
                .body("attempts", equalTo(1));
    }

    @Test
    void writesDuringADialAreHeldUntilPostContactThenAppliedInOnePutWithTheMergedColumns() {
        Dial dial = genesys.dialer().begin(list, contact);
        assertEquals(202, dial.preContactStatus());
        assertEquals(202, dial.outbound());

        String first = acme.accept(list, contact, "{\"data\":{\"tier\":\"gold\",\"note\":\"first\"}}");
        String second = acme.accept(list, contact, "{\"data\":{\"note\":\"second\"},\"callable\":false}");
        assertEquals(202, dial.customerEnd());

        assertEquals("HELD", acme.state(first));
        assertEquals("HELD", acme.state(second));
        assertTrue(genesys.requestLog().puts(list, contact).isEmpty(), "nothing may be sent during the dial");

        assertEquals(202, dial.postContact());

        awaitState(first, "APPLIED");
        awaitState(second, "APPLIED");
        List<RecordedPut> puts = genesys.requestLog().puts(list, contact);
        assertEquals(1, puts.size(), "both writes travel in one PUT");
        assertEquals(200, puts.get(0).status());
        assertEquals(false, puts.get(0).body().get("callable").asBoolean());
        assertEquals(Map.of("phone", "+13175550100", "tier", "gold", "note", "second"), genesysData());
    }

    @Test
    void aWrongCrmTokenGets401AsProblemJsonAndNothingIsSent() {
        given().header("Authorization", "Bearer not-the-token")
                .contentType(ContentType.JSON)
                .body("{\"data\":{\"tier\":\"gold\"}}")
                .patch("/v1/tenants/acme/contactlists/{list}/contacts/{contact}", list, contact)
                .then()
                .statusCode(401)
                .contentType("application/problem+json")
                .body("status", equalTo(401))
                .body("title", equalTo("Unauthorized"))
                .body("detail", equalTo("Missing or invalid bearer token for this tenant."));

        acme.dialState(list, contact).then().statusCode(200).body("pendingWrites", equalTo(0));
        assertTrue(genesys.requestLog().puts(list, contact).isEmpty());
    }

    private void awaitState(String writeId, String state) {
        await().atMost(Duration.ofSeconds(20)).until(() -> acme.state(writeId).equals(state));
    }

    private Map<String, String> genesysData() {
        return genesys.contacts().get(list, contact).orElseThrow().data();
    }
}
