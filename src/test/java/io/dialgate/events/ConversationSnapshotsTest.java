package io.dialgate.events;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dialgate.testing.DialgateClient;
import io.dialgate.testing.GenesysEvents;
import io.dialgate.testing.OpenApiConformance;
import io.dialgate.testing.TestTenants;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Instant;
import java.util.UUID;

import static org.hamcrest.Matchers.equalTo;

/** Queue and user conversation topics: the contact comes from participant attributes or a dialer preview. */
@QuarkusTest
@ExtendWith(OpenApiConformance.class)
class ConversationSnapshotsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final DialgateClient acme = DialgateClient.acme();
    private final String list = TestTenants.newListId();
    private final String contact = TestTenants.newContactId();
    private final String conversation = UUID.randomUUID().toString();
    private final Instant start = Instant.now().minusSeconds(30);

    private ObjectNode conversation(String... participantStates) {
        ObjectNode body = JSON.createObjectNode();
        body.put("id", conversation);
        ArrayNode participants = body.putArray("participants");
        for (String state : participantStates) {
            ObjectNode participant = participants.addObject();
            participant.put("id", UUID.randomUUID().toString());
            participant.put("state", state);
            participant.put("purpose", "customer");
            participant.put("startTime", start.toString());
            if (state.equals("connected")) {
                participant.put("connectedTime", start.plusSeconds(5).toString());
            }
            if (state.equals("disconnected")) {
                participant.put("endTime", start.plusSeconds(20).toString());
            }
        }
        return body;
    }

    @Test
    void aQueueCallWithDialerAttributesIsAConnectedDial() {
        ObjectNode body = conversation("connected");
        ((ObjectNode) body.get("participants").get(0))
                .putObject("attributes")
                .put("dialerContactId", contact)
                .put("dialerContactListId", list)
                .put("dialerCampaignId", GenesysEvents.CAMPAIGN_ID);

        acme.events(GenesysEvents.notification("v2.routing.queues.8a2f.conversations.calls", body)
                        .toString())
                .then()
                .statusCode(202)
                .body("accepted", equalTo(1));

        acme.dialState(list, contact)
                .then()
                .body("phase", equalTo("CONNECTED"))
                .body("active", equalTo(true))
                .body("conversationId", equalTo(conversation));
    }

    @Test
    void aCallbackWithAnOutboundPreviewIsADial() {
        ObjectNode body = conversation("alerting");
        ((ObjectNode) body.get("participants").get(0))
                .putObject("outboundPreview")
                .put("id", UUID.randomUUID().toString())
                .put("contactId", contact)
                .put("contactListId", list)
                .put("campaignId", GenesysEvents.CAMPAIGN_ID);

        acme.events(GenesysEvents.notification("v2.users.77aa.conversations.callbacks", body)
                        .toString())
                .then()
                .statusCode(202)
                .body("accepted", equalTo(1));

        acme.dialState(list, contact).then().body("phase", equalTo("DIALING")).body("active", equalTo(true));
    }

    @Test
    void aConversationWhereEveryoneHasLeftIsWrapUp() {
        ObjectNode body = conversation("disconnected", "terminated");
        ((ObjectNode) body.get("participants").get(0))
                .putObject("attributes")
                .put("dialerContactId", contact)
                .put("dialerContactListId", list);

        acme.events(GenesysEvents.notification("v2.routing.queues.8a2f.conversations.calls", body)
                        .toString())
                .then()
                .statusCode(202);

        acme.dialState(list, contact).then().body("phase", equalTo("WRAPUP")).body("active", equalTo(true));
    }

    @Test
    void aConversationWithoutDialerIdsIsIgnored() {
        acme.events(GenesysEvents.notification("v2.routing.queues.8a2f.conversations.calls", conversation("connected"))
                        .toString())
                .then()
                .statusCode(202)
                .body("accepted", equalTo(0))
                .body("ignored", equalTo(1));
    }

    @Test
    void aParticipantStateUnknownTodayCountsAsInProgress() {
        ObjectNode body = conversation("parked-in-the-future");
        ((ObjectNode) body.get("participants").get(0))
                .putObject("attributes")
                .put("dialerContactId", contact)
                .put("dialerContactListId", list);

        acme.events(GenesysEvents.notification("v2.users.77aa.conversations.calls", body)
                        .toString())
                .then()
                .statusCode(202)
                .body("accepted", equalTo(1));

        acme.dialState(list, contact).then().body("phase", equalTo("DIALING"));
    }
}
