package io.dialgate.events;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dialgate.simulator.GenesysSimulator;
import io.dialgate.testing.DialgateClient;
import io.dialgate.testing.InjectSimulator;
import io.dialgate.testing.TestTenants;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import static io.dialgate.testing.GenesysEvents.detail;
import static io.dialgate.testing.GenesysEvents.outbound;
import static io.dialgate.testing.GenesysEvents.postContact;
import static io.dialgate.testing.GenesysEvents.preContact;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Genesys services stamp their events with their own clocks: the postContact (outbound service) can carry an
 * eventTime a few seconds before the conversation's {@code .outbound} or {@code customer.start} (conversation
 * service). The end of the dial's current conversation ends the dial whatever its eventTime; an old end of a previous
 * conversation never ends a newer dial.
 */
@QuarkusTest
class ClockSkewTest {

    @InjectSimulator
    GenesysSimulator genesys;

    private final DialgateClient acme = DialgateClient.acme();
    private final String list = TestTenants.newListId();
    private final String contact = TestTenants.newContactId();
    private final String conversation = UUID.randomUUID().toString();
    private final long t0 = System.currentTimeMillis() - 600_000;

    private void send(ObjectNode event) {
        acme.events(event.toString()).then().statusCode(202).body("accepted", equalTo(1));
    }

    private void assertPhase(String phase, boolean active) {
        acme.assertDialPhase(list, contact, phase, active);
    }

    private String heldWrite() {
        genesys.contacts().put(list, contact, Map.of("tier", "silver"));
        String writeId = acme.accept(list, contact, "{\"data\":{\"tier\":\"gold\"}}");
        assertEquals("HELD", acme.state(writeId));
        return writeId;
    }

    @Test
    void aPostContactTenSecondsOlderThanTheOutboundEventEndsTheDialAndReleasesItsWrites() {
        send(preContact(list, contact, conversation, t0));
        send(outbound(list, contact, conversation, t0 + 50_000));
        String writeId = heldWrite();

        send(postContact(list, contact, conversation, t0 + 40_000));

        assertPhase("DONE", false);
        acme.dialState(list, contact).then().body("endedBy", equalTo("post_contact"));
        await().atMost(Duration.ofSeconds(10)).until(() -> acme.state(writeId).equals("APPLIED"));
    }

    @Test
    void aPostContactOlderThanAJoinedStartEventEndsTheDial() {
        send(preContact(list, contact, conversation, t0));
        send(outbound(list, contact, conversation, t0 + 1_000));
        send(detail(conversation, "customer.start", t0 + 45_000));
        assertPhase("CONNECTED", true);

        send(postContact(list, contact, conversation, t0 + 40_000));

        assertPhase("DONE", false);
    }

    @Test
    void startEventsOfTheEndedConversationNewerOrOlderThanTheEndDoNotReopenIt() {
        send(preContact(list, contact, conversation, t0));
        send(outbound(list, contact, conversation, t0 + 50_000));
        send(postContact(list, contact, conversation, t0 + 40_000));

        send(detail(conversation, "customer.start", t0 + 55_000));
        send(detail(conversation, "customer.start", t0 + 30_000));
        send(outbound(list, contact, conversation, t0 + 60_000));

        assertPhase("DONE", false);
    }

    @Test
    void anOldPostContactOfAPreviousConversationDoesNotEndANewerDial() {
        String next = UUID.randomUUID().toString();
        send(preContact(list, contact, conversation, t0));
        // the first dial's postContact is delayed; the contact is dialled again meanwhile
        send(preContact(list, contact, next, t0 + 100_000));
        send(outbound(list, contact, next, t0 + 101_000));
        String writeId = heldWrite();

        send(postContact(list, contact, conversation, t0 + 40_000));

        assertPhase("DIALING", true);
        acme.dialState(list, contact).then().body("conversationId", equalTo(next));
        assertEquals("HELD", acme.state(writeId));
    }

    @Test
    void aSkewedPostContactRedeliveredChangesNothing() {
        send(preContact(list, contact, conversation, t0));
        send(outbound(list, contact, conversation, t0 + 50_000));
        send(postContact(list, contact, conversation, t0 + 40_000));
        send(preContact(list, contact, UUID.randomUUID().toString(), t0 + 200_000));

        send(postContact(list, contact, conversation, t0 + 40_000));

        assertPhase("DIALING", true);
    }
}
