package io.dialgate.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EventDeliveryTest {

    private static final String LIST = "6a9f0c9e-2d4b-4c47-9f59-2e6f8e1d0a11";
    private static final String CONTACT = "0f2b3c4d5e6f708192a3b4c5d6e7f809";
    private static final String ORG = "0e5d3c2b-1a09-4f8e-9d7c-6b5a4f3e2d1c";

    private RecordingEventSink sink;
    private GenesysSimulator sim;

    @BeforeEach
    void start() {
        sink = new RecordingEventSink();
        sim = GenesysSimulator.start(SimulatorOptions.builder()
                .eventsSink(sink.eventsUri("acme"), "ingest-secret-1")
                .orgId(ORG)
                .eventBridgeIntegration("dialgate-events")
                .awsAccount("210987654321")
                .build());
        sim.contacts().put(LIST, CONTACT, Map.of("name", "Ada", "phone", "+13175550123"));
    }

    @AfterEach
    void stop() {
        sim.close();
        sink.close();
    }

    @Test
    void aDialDeliversFourGenesysNotificationsInOrderWithTheBearerToken() {
        // given
        Dial dial = sim.dialer().begin(LIST, CONTACT);

        // when
        int outbound = dial.outbound();
        int customerEnd = dial.customerEnd();
        int postContact = dial.postContact();

        // then
        assertEquals(List.of(202, 202, 202, 202), List.of(dial.preContactStatus(), outbound, customerEnd, postContact));
        List<RecordingEventSink.Received> received = sink.received();
        assertEquals(
                List.of(
                        "v2.outbound.voice.campaigns.contact.preContact",
                        "v2.detail.events.conversation." + dial.conversationId() + ".outbound",
                        "v2.detail.events.conversation." + dial.conversationId() + ".customer.end",
                        "v2.outbound.voice.campaigns.contact.postContact"),
                received.stream().map(r -> r.body().get("topicName").asText()).toList());
        for (RecordingEventSink.Received r : received) {
            assertEquals("/v1/tenants/acme/events", r.path());
            assertEquals("Bearer ingest-secret-1", r.authorization());
            assertEquals("application/json", r.contentType());
            assertEquals("2", r.body().get("version").asText());
            assertEquals(
                    36, r.body().get("metadata").get("CorrelationId").asText().length());
        }
        JsonNode pre = received.get(0).body().get("eventBody");
        assertEquals(CONTACT, pre.get("outboundContactId").asText());
        assertEquals(LIST, pre.get("outboundContactListId").asText());
        assertEquals(dial.conversationId(), pre.get("conversationId").asText());
        assertEquals(sim.dialer().campaignId(), pre.get("outboundCampaignId").asText());
        assertTrue(pre.get("eventTime").isIntegralNumber());
        assertEquals(
                "+13175550123",
                pre.get("voiceAttributes").get("contactPhoneNumber").asText());
        JsonNode outboundBody = received.get(1).body().get("eventBody");
        assertEquals(CONTACT, outboundBody.get("outboundContactId").asText());
        assertEquals("VOICE", outboundBody.get("mediaType").asText());
        assertEquals("OUTBOUND", outboundBody.get("direction").asText());
        JsonNode end = received.get(2).body().get("eventBody");
        assertFalse(end.has("outboundContactId"), "customer.end carries no dialer ids");
        assertEquals(outboundBody.get("participantId"), end.get("participantId"));
        JsonNode post = received.get(3).body().get("eventBody");
        assertEquals(sim.dialer().agentWrapupCode(), post.get("wrapupCode").asText());
        assertTrue(post.get("isRightPartyContact").asBoolean());
    }

    @Test
    void eventBridgeStyleWrapsTheNotificationInDetail() {
        // given
        sim.dialer().setEnvelopeStyle(EnvelopeStyle.EVENTBRIDGE);

        // when
        Dial dial = sim.dialer().begin(LIST, CONTACT, DialOutcome.NO_ANSWER);

        // then
        RecordingEventSink.Received received = sink.received().get(0);
        assertEquals("Bearer ingest-secret-1", received.authorization());
        JsonNode event = received.body();
        assertEquals("0", event.get("version").asText());
        assertEquals(
                "v2.outbound.voice.campaigns.contact.preContact",
                event.get("detail-type").asText());
        assertEquals(
                "aws.partner/genesys.com/cloud/" + ORG + "/dialgate-events",
                event.get("source").asText());
        assertEquals("210987654321", event.get("account").asText());
        assertEquals("us-east-1", event.get("region").asText());
        assertEquals(0, event.get("resources").size());
        assertEquals(36, event.get("id").asText().length());
        Instant time = Instant.parse(event.get("time").asText());
        assertEquals(0, time.getNano(), "EventBridge time has second precision");
        JsonNode detail = event.get("detail");
        assertEquals(
                "v2.outbound.voice.campaigns.contact.preContact",
                detail.get("topicName").asText());
        assertEquals("2", detail.get("version").asText());
        assertEquals(CONTACT, detail.get("eventBody").get("outboundContactId").asText());
        assertEquals(
                dial.conversationId(),
                detail.get("eventBody").get("conversationId").asText());
        assertEquals(36, detail.get("metadata").get("CorrelationId").asText().length());
        Instant.parse(detail.get("timestamp").asText());
    }

    @Test
    void eventAccessorsReturnTheSameEnvelopeSoTestsCanSendDuplicates() {
        // given
        Dial dial = sim.dialer().begin(LIST, CONTACT);
        JsonNode again = dial.preContactEvent();

        // when
        int status = sim.dialer().deliver(again);

        // then
        assertEquals(202, status);
        assertEquals(2, sink.received().size());
        assertEquals(sink.received().get(0).body(), sink.received().get(1).body());
    }

    @Test
    void eventAccessorsDoNotSendAnything() {
        // given
        Dial dial = sim.dialer().prepare(LIST, CONTACT, DialOutcome.ANSWERED);

        // when
        JsonNode post = dial.postContactEvent();
        JsonNode pre = dial.preContactEvent();

        // then
        assertTrue(sink.received().isEmpty());
        assertEquals(
                "v2.outbound.voice.campaigns.contact.postContact",
                post.get("topicName").asText());
        assertEquals(
                "v2.outbound.voice.campaigns.contact.preContact",
                pre.get("topicName").asText());
        assertFalse(sim.dialer().isActive(LIST, CONTACT));
    }

    @Test
    void theSinksStatusIsReturnedAndLogged() {
        // given
        sink.answerWith(503);

        // when
        Dial dial = sim.dialer().begin(LIST, CONTACT);

        // then
        assertEquals(503, dial.preContactStatus());
        assertEquals(503, sim.dialer().deliveries().get(0).status());
        assertEquals(
                "v2.outbound.voice.campaigns.contact.preContact",
                sim.dialer().deliveries().get(0).topicName());
    }

    @Test
    void unreachableSinkFailsTheDeliveryLoudly() {
        // given
        sim.dialer().setEventsSink(URI.create("http://127.0.0.1:1/v1/tenants/acme/events"), "t");
        Dial dial = sim.dialer().prepare(LIST, CONTACT, DialOutcome.ANSWERED);

        // when / then
        assertThrows(UncheckedIOException.class, dial::preContact);
        assertEquals(-1, sim.dialer().deliveries().get(0).status());
    }
}
