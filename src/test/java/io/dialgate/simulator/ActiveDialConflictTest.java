package io.dialgate.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ActiveDialConflictTest {

    private static final String LIST = "6a9f0c9e-2d4b-4c47-9f59-2e6f8e1d0a11";
    private static final String CONTACT = "0f2b3c4d5e6f708192a3b4c5d6e7f809";
    private static final String UPDATE =
            "{\"contactListId\":\"" + LIST + "\",\"data\":{\"phone\":\"+13175550123\",\"status\":\"paid\"}}";

    private RecordingEventSink sink;
    private GenesysSimulator sim;
    private GenesysTestClient client;
    private String token;

    @BeforeEach
    void start() {
        sink = new RecordingEventSink();
        sim = GenesysSimulator.start(SimulatorOptions.builder()
                .eventsSink(sink.eventsUri("acme"), "ingest-1")
                .build());
        client = new GenesysTestClient(sim);
        token = client.token();
        sim.contacts().put(LIST, CONTACT, Map.of("phone", "+13175550123"));
    }

    @AfterEach
    void stop() {
        sim.close();
        sink.close();
    }

    @Test
    void putDuringAnActiveDialAnswers409WithAGenesysErrorBody() {
        // given
        Dial dial = sim.dialer().begin(LIST, CONTACT);

        // when
        HttpResponse<String> response = client.put(LIST, CONTACT, token, UPDATE);

        // then
        assertEquals(409, response.statusCode());
        JsonNode body = GenesysTestClient.json(response);
        assertEquals("conflict", body.get("code").asText());
        assertEquals(409, body.get("status").asInt());
        assertEquals(CONTACT, body.get("messageParams").get("contactId").asText());
        assertEquals(
                "Contact " + CONTACT + " of contact list " + LIST
                        + " is in an active dial and cannot be updated until the dial ends.",
                body.get("message").asText());
        assertEquals(
                Map.of("phone", "+13175550123"),
                sim.contacts().get(LIST, CONTACT).orElseThrow().data());
        assertTrue(dial.isActive());
    }

    @Test
    void putIsStill409AfterOutboundAndCustomerEndAndSucceedsAfterPostContact() {
        // given
        Dial dial = sim.dialer().begin(LIST, CONTACT);
        dial.outbound();
        dial.customerEnd();
        int beforePostContact = client.put(LIST, CONTACT, token, UPDATE).statusCode();

        // when
        dial.postContact();
        HttpResponse<String> after = client.put(LIST, CONTACT, token, UPDATE);

        // then
        assertEquals(409, beforePostContact);
        assertEquals(200, after.statusCode());
        assertEquals(
                "paid", sim.contacts().get(LIST, CONTACT).orElseThrow().data().get("status"));
        assertFalse(sim.dialer().isActive(LIST, CONTACT));
    }

    @Test
    void getIsAllowedDuringAnActiveDial() {
        // given
        sim.dialer().begin(LIST, CONTACT);

        // when
        HttpResponse<String> response = client.get(LIST, CONTACT, token);

        // then
        assertEquals(200, response.statusCode());
    }

    @Test
    void postContactRecordsTheAttemptInCallRecords() {
        // given
        Dial dial = sim.dialer().begin(LIST, CONTACT, DialOutcome.BUSY);

        // when
        dial.postContact();

        // then
        CallRecord record =
                sim.contacts().get(LIST, CONTACT).orElseThrow().callRecords().get("phone");
        assertEquals("ININ-OUTBOUND-BUSY", record.lastResult());
        assertEquals(
                "ININ-OUTBOUND-BUSY",
                GenesysTestClient.json(client.get(LIST, CONTACT, token))
                        .get("callRecords")
                        .get("phone")
                        .get("lastResult")
                        .asText());
    }

    @Test
    void endWithoutEventReleasesTheContactSilently() {
        // given
        Dial dial = sim.dialer().begin(LIST, CONTACT);

        // when
        dial.endWithoutEvent();

        // then
        assertEquals(200, client.put(LIST, CONTACT, token, UPDATE).statusCode());
        assertEquals(1, sink.received().size(), "only preContact was sent");
    }

    @Test
    void aContactCannotBeInTwoDialsAtOnce() {
        // given
        sim.dialer().begin(LIST, CONTACT);

        // when / then
        assertThrows(IllegalStateException.class, () -> sim.dialer().begin(LIST, CONTACT));
    }

    @Test
    void preparedDialDoesNotLockTheContactUntilPreContact() {
        // given
        Dial dial = sim.dialer().prepare(LIST, CONTACT, DialOutcome.ANSWERED);
        int beforePreContact = client.put(LIST, CONTACT, token, UPDATE).statusCode();

        // when
        int preContactStatus = dial.preContact();

        // then
        assertEquals(200, beforePreContact);
        assertEquals(202, preContactStatus);
        assertEquals(409, client.put(LIST, CONTACT, token, UPDATE).statusCode());
    }
}
