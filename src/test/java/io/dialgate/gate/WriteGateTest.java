package io.dialgate.gate;

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
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URI;
import java.net.URL;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The loop dialgate exists for: a CRM write waits while the dialer works the contact, then goes to Genesys. */
@QuarkusTest
@ExtendWith(OpenApiConformance.class)
class WriteGateTest {

    @InjectSimulator
    GenesysSimulator genesys;

    @TestHTTPResource("/")
    URL dialgate;

    private final DialgateClient acme = DialgateClient.acme();
    private String list;
    private String contact;

    @BeforeEach
    void freshContact() {
        genesys.dialer().setEventsSink(URI.create(dialgate + acme.eventsPath().substring(1)), acme.ingestToken());
        list = TestTenants.newListId();
        contact = TestTenants.newContactId();
        genesys.contacts().put(list, contact, Map.of("phone", "+13175550100", "tier", "silver"));
    }

    private Map<String, String> genesysData() {
        return genesys.contacts().get(list, contact).orElseThrow().data();
    }

    @Test
    void writeForAnIdleContactIsAppliedWithTheOtherColumnsKept() {
        String writeId = acme.accept(list, contact, "{\"data\":{\"tier\":\"gold\"}}");

        acme.awaitState(writeId, "APPLIED");
        assertEquals(Map.of("phone", "+13175550100", "tier", "gold"), genesysData());
        acme.status(writeId)
                .then()
                .body("contactListId", equalTo(list))
                .body("contactId", equalTo(contact))
                .body("attempts", equalTo(1));
    }

    @Test
    void writeForAContactInAnActiveDialIsHeldUntilPostContact() {
        Dial dial = genesys.dialer().begin(list, contact);
        assertEquals(202, dial.outbound());

        String writeId = acme.accept(list, contact, "{\"data\":{\"tier\":\"gold\"}}");
        assertEquals("HELD", acme.state(writeId));
        assertEquals(202, dial.customerEnd());
        assertEquals("HELD", acme.state(writeId));
        assertTrue(genesys.requestLog().puts(list, contact).isEmpty(), "nothing may be sent during the dial");

        assertEquals(202, dial.postContact());
        acme.awaitState(writeId, "APPLIED");
        assertEquals("gold", genesysData().get("tier"));
    }

    @Test
    void twoWritesDuringOneDialGiveOnePutCarryingBoth() {
        Dial dial = genesys.dialer().begin(list, contact);
        String first = acme.accept(list, contact, "{\"data\":{\"tier\":\"gold\",\"note\":\"first\"}}");
        String second = acme.accept(list, contact, "{\"data\":{\"note\":\"second\"},\"callable\":false}");

        dial.postContact();
        acme.awaitState(first, "APPLIED");
        acme.awaitState(second, "APPLIED");

        List<RecordedPut> puts = genesys.requestLog().puts(list, contact);
        assertEquals(1, puts.size());
        assertEquals(Map.of("phone", "+13175550100", "tier", "gold", "note", "second"), genesysData());
        assertEquals(false, puts.get(0).body().get("callable").asBoolean());
    }

    @Test
    void a409ReholdsTheWriteAndAppliesItLater() {
        genesys.faults().nextPut(contact, ScriptedResponse.genesysError(409, "conflict", "contact in use"));

        String writeId = acme.accept(list, contact, "{\"data\":{\"tier\":\"gold\"}}");

        acme.awaitState(writeId, "APPLIED");
        List<RecordedPut> puts = genesys.requestLog().puts(list, contact);
        assertEquals(List.of(409, 200), puts.stream().map(RecordedPut::status).toList());
        acme.status(writeId).then().body("attempts", equalTo(2));
    }

    @Test
    void a409FromADialThatStartedDuringTheApplyHoldsTheWriteUntilThatDialEnds() {
        // The dialer picks the contact between dialgate's check and its PUT: Genesys answers the PUT with 409.
        Dial dial = genesys.dialer().prepare(list, contact, io.dialgate.simulator.DialOutcome.ANSWERED);
        genesys.faults()
                .nextPut(
                        contact,
                        ScriptedResponse.genesysError(409, "conflict", "contact in use")
                                .withDelay(Duration.ofMillis(700)));
        String writeId = acme.accept(list, contact, "{\"data\":{\"tier\":\"gold\"}}");
        await().atMost(Duration.ofSeconds(5)).until(() -> acme.state(writeId).equals("IN_FLIGHT"));

        assertEquals(202, dial.preContact());

        await().atMost(Duration.ofSeconds(5)).until(() -> acme.state(writeId).equals("HELD"));
        await().during(Duration.ofMillis(1500))
                .atMost(Duration.ofSeconds(3))
                .until(() -> acme.state(writeId).equals("HELD"));
        assertEquals(202, dial.postContact());
        acme.awaitState(writeId, "APPLIED");
        assertEquals(
                List.of(409, 200),
                genesys.requestLog().puts(list, contact).stream()
                        .map(RecordedPut::status)
                        .toList());
    }

    @Test
    void aDialThatStartsWhileTheContactIsReadHoldsTheWriteWithNoPutDuringIt() {
        // The claim saw no dial; the dialer takes the contact while dialgate's GET is out. The PUT's last look, when
        // its turn has come, sees the dial dialgate heard of meanwhile: nothing is sent until the dial ends.
        genesys.faults()
                .nextGet(
                        contact,
                        ScriptedResponse.of(200, Map.of(), contactAsGenesysHasIt())
                                .withDelay(Duration.ofMillis(1500)));
        Dial dial = genesys.dialer().prepare(list, contact, io.dialgate.simulator.DialOutcome.ANSWERED);
        String writeId = acme.accept(list, contact, "{\"data\":{\"tier\":\"gold\"}}");
        await().atMost(Duration.ofSeconds(5)).until(() -> acme.state(writeId).equals("IN_FLIGHT"));

        assertEquals(202, dial.preContact());

        await().atMost(Duration.ofSeconds(5)).until(() -> acme.state(writeId).equals("HELD"));
        assertEquals(List.of(), putStatuses(), "no PUT during the dial");
        acme.status(writeId)
                .then()
                .body(
                        "lastError.message",
                        equalTo("the contact went into a dial before its write was sent; held until the dial ends"));
        assertEquals(202, dial.postContact());
        acme.awaitState(writeId, "APPLIED");
        assertEquals(List.of(200), putStatuses());
        assertEquals(Map.of("phone", "+13175550100", "tier", "gold"), genesysData());
    }

    private String contactAsGenesysHasIt() {
        return "{\"id\":\"" + contact + "\",\"contactListId\":\"" + list
                + "\",\"data\":{\"phone\":\"+13175550100\",\"tier\":\"silver\"},\"callable\":true}";
    }

    private List<Integer> putStatuses() {
        return genesys.requestLog().puts(list, contact).stream()
                .map(RecordedPut::status)
                .toList();
    }

    @Test
    void a429WaitsRetryAfterBeforeTheNextAttempt() {
        genesys.faults().nextPut(contact, ScriptedResponse.tooManyRequests(2));

        String writeId = acme.accept(list, contact, "{\"data\":{\"tier\":\"gold\"}}");

        acme.awaitState(writeId, "APPLIED");
        List<RecordedPut> puts = genesys.requestLog().puts(list, contact);
        assertEquals(List.of(429, 200), puts.stream().map(RecordedPut::status).toList());
        Duration between = Duration.between(puts.get(0).time(), puts.get(1).time());
        assertTrue(between.compareTo(Duration.ofMillis(1900)) >= 0, "retried after " + between);
    }

    @Test
    void aGenesys400EndsFailedWithItsCodeMessageAndContextId() {
        genesys.faults().nextPut(contact, ScriptedResponse.genesysError(400, "bad.request", "Column is invalid"));

        String writeId = acme.accept(list, contact, "{\"data\":{\"tier\":\"gold\"}}");

        acme.awaitState(writeId, "FAILED");
        acme.status(writeId)
                .then()
                .body("lastError.status", equalTo(400))
                .body("lastError.code", equalTo("bad.request"))
                .body("lastError.message", equalTo("Column is invalid"))
                .body("lastError.call", equalTo("PUT"))
                .body("lastError.contextId", org.hamcrest.Matchers.matchesPattern("[0-9a-f-]{36}"));
    }

    @Test
    void aContactUnknownToGenesysEndsFailedWith404() {
        String writeId = acme.accept(list, TestTenants.newContactId(), "{\"data\":{\"tier\":\"gold\"}}");

        acme.awaitState(writeId, "FAILED");
        acme.status(writeId).then().body("lastError.status", equalTo(404)).body("lastError.call", equalTo("GET"));
    }

    @Test
    void a5xxIsRetriedWithBackoffUntilApplied() {
        genesys.faults().nextPut(contact, ScriptedResponse.genesysError(503, "service.unavailable", "down"));
        genesys.faults().nextPut(contact, ScriptedResponse.genesysError(502, "bad.gateway", "down"));

        String writeId = acme.accept(list, contact, "{\"data\":{\"tier\":\"gold\"}}");

        acme.awaitState(writeId, "APPLIED");
        assertEquals(
                List.of(503, 502, 200),
                genesys.requestLog().puts(list, contact).stream()
                        .map(RecordedPut::status)
                        .toList());
    }

    @Test
    void aPutThatOutlastsTheLeaseKeepsItSoNoSecondApplyRacesIt() {
        // The PUT stalls past the 3 s lease. The running apply renews its lease (issue 10, hole 1), so no other claim
        // round takes the contact and sends a second PUT that this one could land after. A lease is reclaimed only
        // when its holder stops renewing it (a dead instance: the kill -9 scenario of the fault suite).
        genesys.faults()
                .nextPut(
                        contact,
                        ScriptedResponse.of(200)
                                .withDelay(Duration.ofSeconds(5))
                                .afterApplyingRequest());

        String writeId = acme.accept(list, contact, "{\"data\":{\"tier\":\"gold\"}}");

        acme.awaitState(writeId, "APPLIED");
        acme.status(writeId).then().body("attempts", equalTo(1));
        assertEquals(1, genesys.requestLog().puts(list, contact).size(), "one PUT: the lease was never taken back");
        assertEquals(Map.of("phone", "+13175550100", "tier", "gold"), genesysData());
    }

    @Test
    void aWriteAcceptedDuringAnApplyIsAppliedAfterItNeverOverwrittenByIt() {
        genesys.faults()
                .nextPut(
                        contact,
                        ScriptedResponse.of(200)
                                .withDelay(Duration.ofMillis(800))
                                .afterApplyingRequest());
        String first = acme.accept(list, contact, "{\"data\":{\"tier\":\"gold\"}}");
        await().atMost(Duration.ofSeconds(5)).until(() -> acme.state(first).equals("IN_FLIGHT"));

        String second = acme.accept(list, contact, "{\"data\":{\"tier\":\"platinum\"}}");

        acme.awaitState(first, "APPLIED");
        acme.awaitState(second, "APPLIED");
        assertEquals("platinum", genesysData().get("tier"));
        assertEquals(2, genesys.requestLog().puts(list, contact).size());
    }
}
