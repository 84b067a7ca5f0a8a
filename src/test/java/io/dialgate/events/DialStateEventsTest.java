package io.dialgate.events;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dialgate.testing.DialgateClient;
import io.dialgate.testing.GenesysEvents;
import io.dialgate.testing.OpenApiConformance;
import io.dialgate.testing.TestTenants;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.UUID;

import static io.dialgate.testing.GenesysEvents.detail;
import static io.dialgate.testing.GenesysEvents.outbound;
import static io.dialgate.testing.GenesysEvents.postContact;
import static io.dialgate.testing.GenesysEvents.preContact;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

/** How events move a contact's dial state: order, duplicates, late and early deliveries, envelopes, lost events. */
@QuarkusTest
@ExtendWith(OpenApiConformance.class)
class DialStateEventsTest {

    private final DialgateClient acme = DialgateClient.acme();
    private final String list = TestTenants.newListId();
    private final String contact = TestTenants.newContactId();
    private final String conversation = UUID.randomUUID().toString();
    private final long t0 = System.currentTimeMillis() - 60_000;

    private void send(DialgateClient client, ObjectNode event) {
        client.events(event.toString()).then().statusCode(202);
    }

    private void send(ObjectNode event) {
        send(acme, event);
    }

    private void assertPhase(String phase, boolean active) {
        acme.assertDialPhase(list, contact, phase, active);
    }

    @Test
    void preContactStartsAnActiveDialAndPostContactEndsIt() {
        send(preContact(list, contact, conversation, t0));
        acme.dialState(list, contact)
                .then()
                .body("phase", equalTo("DIALING"))
                .body("active", equalTo(true))
                .body("conversationId", equalTo(conversation))
                .body("campaignId", equalTo(GenesysEvents.CAMPAIGN_ID));

        send(postContact(list, contact, conversation, t0 + 40_000));
        acme.dialState(list, contact)
                .then()
                .body("phase", equalTo("DONE"))
                .body("active", equalTo(false))
                .body("endedBy", equalTo("post_contact"));
    }

    @Test
    void customerEndIsJoinedToItsContactByConversationAndKeepsTheDialActive() {
        send(preContact(list, contact, conversation, t0));
        send(outbound(list, contact, conversation, t0 + 1_000));

        send(detail(conversation, "customer.end", t0 + 30_000));

        assertPhase("WRAPUP", true);
    }

    @Test
    void aDuplicateChangesNothingAndIsCountedAsDuplicate() {
        ObjectNode start = preContact(list, contact, conversation, t0);
        send(start);
        send(outbound(list, contact, conversation, t0 + 1_000));

        acme.events(start.toString()).then().statusCode(202).body("accepted", equalTo(1));

        assertPhase("DIALING", true);
        acme.dialState(list, contact).then().body("since", org.hamcrest.Matchers.notNullValue());
    }

    @Test
    void anOlderEventArrivingLateNeverOverridesANewerOne() {
        send(preContact(list, contact, conversation, t0));
        send(postContact(list, contact, conversation, t0 + 40_000));

        send(detail(conversation, "customer.start", t0 + 5_000));
        send(outbound(list, contact, conversation, t0 + 1_000));

        assertPhase("DONE", false);
    }

    @Test
    void aStartForAConversationThatAlreadyEndedDoesNotReopenIt() {
        send(preContact(list, contact, conversation, t0));
        send(postContact(list, contact, conversation, t0 + 40_000));

        // A redelivered start stamped later than the end (clock skew between Genesys services): the tombstone wins.
        send(outbound(list, contact, conversation, t0 + 50_000));

        assertPhase("DONE", false);
    }

    @Test
    void aConversationEventBeforeItsOutboundEventIsParkedThenApplied() {
        send(detail(conversation, "customer.end", t0 + 30_000));
        assertPhase("IDLE", false);

        send(outbound(list, contact, conversation, t0 + 1_000));

        assertPhase("WRAPUP", true);
    }

    @Test
    void aNewDialAfterADoneDialStartsAgain() {
        send(preContact(list, contact, conversation, t0));
        send(postContact(list, contact, conversation, t0 + 40_000));

        String next = UUID.randomUUID().toString();
        send(preContact(list, contact, next, t0 + 50_000));

        acme.dialState(list, contact).then().body("phase", equalTo("DIALING")).body("conversationId", equalTo(next));
    }

    @Test
    void eventBridgeAndNotificationEnvelopesMixInOneBatch() {
        String batch = GenesysEvents.array(
                        GenesysEvents.eventBridge(preContact(list, contact, conversation, t0)),
                        outbound(list, contact, conversation, t0 + 1_000),
                        GenesysEvents.notification("v2.users.0f0e.presence", GenesysEvents.notification("x", null)),
                        GenesysEvents.eventBridge(detail(conversation, "customer.start", t0 + 9_000)))
                .toString();

        acme.events(batch)
                .then()
                .statusCode(202)
                .body("accepted", equalTo(3))
                .body("ignored", equalTo(1))
                .body("rejected", nullValue());

        assertPhase("CONNECTED", true);
    }

    @Test
    void anElementThatCannotBeUnderstoodIsReportedByIndexAndTheOthersStored() {
        ObjectNode broken = preContact(list, TestTenants.newContactId(), conversation, t0);
        ((ObjectNode) broken.get("eventBody")).remove("outboundContactId");
        String batch = GenesysEvents.array(broken, preContact(list, contact, conversation, t0))
                .toString();

        acme.events(batch)
                .then()
                .statusCode(202)
                .body("accepted", equalTo(1))
                .body("rejected[0].index", equalTo(0))
                .body("rejected[0].detail", equalTo("voice.preContact: eventBody.outboundContactId is missing"));

        assertPhase("DIALING", true);
    }

    @Test
    void unknownEnumValuesFromANewerGenesysAreAccepted() {
        ObjectNode start = preContact(list, contact, conversation, t0);
        ((ObjectNode) start.get("eventBody")).put("dialingMode", "QUANTUM_PREDICTIVE");

        acme.events(start.toString()).then().statusCode(202).body("accepted", equalTo(1));

        assertPhase("DIALING", true);
    }

    @Test
    void withoutPostContactTheDialEndsAtTheActiveDialTtlAndReleasesHeldWrites() {
        // globex has active-dial-ttl = 6S
        DialgateClient globex = DialgateClient.globex();
        send(globex, preContact(list, contact, conversation, System.currentTimeMillis()));
        String writeId = globex.accept(list, contact, "{\"data\":{\"tier\":\"gold\"}}");
        org.junit.jupiter.api.Assertions.assertEquals("HELD", globex.state(writeId));

        await().atMost(Duration.ofSeconds(20)).until(() -> !"HELD".equals(globex.state(writeId)));

        globex.dialState(list, contact)
                .then()
                .body("active", equalTo(false))
                .body("endedBy", equalTo("active_dial_ttl"));
    }
}
