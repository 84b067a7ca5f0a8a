package io.dialgate.events;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import io.dialgate.simulator.GenesysSpec;
import io.dialgate.state.ContactRef;
import io.dialgate.state.DialPhase;
import io.dialgate.state.DialerEvent;
import io.dialgate.testing.GenesysEvents;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every topic dialgate uses is read from a payload that validates against that topic's schema in the Genesys spec
 * fixtures ({@link GenesysSpec}; format checks on: uuid fields must be UUIDs), and yields the expected phase and ids.
 */
class TopicPayloadsContractTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String LIST = "0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d";
    private static final String CONTACT = "8d2f6c1e0b9a47e3a5c4d3b2a1908f7e";
    private static final String CONVERSATION = "3c2b1a09-8f7e-4d6c-9b5a-4e3d2c1b0a9f";
    private static final long TIME = 1_795_000_000_000L;

    private static JsonSchemaFactory factory;
    private static SchemaValidatorsConfig config;

    @BeforeAll
    static void createValidatorFactory() {
        factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4);
        config = SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();
    }

    static Stream<Arguments> topics() {
        String detail = "v2.detail.events.conversation.{id}.";
        return Stream.of(
                Arguments.of("v2.outbound.voice.campaigns.contact.preContact", DialPhase.DIALING),
                Arguments.of("v2.outbound.preview.campaigns.contact.preContact", DialPhase.QUEUED_FOR_DIAL),
                Arguments.of("v2.outbound.voice.campaigns.contact.postContact", DialPhase.DONE),
                Arguments.of("v2.outbound.preview.campaigns.contact.postContact", DialPhase.DONE),
                Arguments.of(detail + "outbound", DialPhase.DIALING),
                Arguments.of(detail + "customer.start", DialPhase.CONNECTED),
                Arguments.of(detail + "user.start", DialPhase.CONNECTED),
                Arguments.of(detail + "acd.start", DialPhase.CONNECTED),
                Arguments.of(detail + "acd.end", DialPhase.CONNECTED),
                Arguments.of(detail + "voicemail.start", DialPhase.CONNECTED),
                Arguments.of(detail + "customer.end", DialPhase.WRAPUP),
                Arguments.of(detail + "user.end", DialPhase.WRAPUP),
                Arguments.of(detail + "acw", DialPhase.WRAPUP),
                Arguments.of(detail + "wrapup", DialPhase.WRAPUP),
                Arguments.of(detail + "voicemail.end", DialPhase.WRAPUP),
                Arguments.of("v2.routing.queues.{id}.conversations.calls", DialPhase.CONNECTED),
                Arguments.of("v2.users.{id}.conversations.calls", DialPhase.CONNECTED),
                Arguments.of("v2.routing.queues.{id}.conversations.callbacks", DialPhase.CONNECTED),
                Arguments.of("v2.users.{id}.conversations.callbacks", DialPhase.CONNECTED),
                Arguments.of("v2.routing.queues.{id}.conversations", DialPhase.CONNECTED),
                Arguments.of("v2.users.{id}.conversations", DialPhase.CONNECTED));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("topics")
    void aSchemaValidPayloadOfTheTopicIsReadWithItsPhaseAndContact(String topicPattern, DialPhase phase)
            throws Exception {
        ObjectNode body = payload(topicPattern);
        JsonSchema schema = factory.getSchema(GenesysSpec.topicSchema(topicPattern), config);
        assertEquals(java.util.Set.of(), schema.validate(body), "payload must satisfy the topic schema");

        String topic = topicPattern.replace("{id}", topicPattern.contains("conversation.") ? CONVERSATION : "4f1e");
        TopicRoute route = TopicRoute.of(topic).orElseThrow();
        Notification notification = new Notification(topic, body, Optional.empty());
        DialerEvent event = route.carries() == TopicRoute.Carries.SNAPSHOT
                ? ConversationSnapshotReader.read(notification).orElseThrow()
                : DialerEventReader.read(notification, route);

        assertEquals(phase, event.phase());
        assertEquals(Optional.of(CONVERSATION), event.conversationId());
        if (route.carries() != TopicRoute.Carries.CONVERSATION) {
            assertEquals(Optional.of(new ContactRef(LIST, CONTACT)), event.contact());
        }
        assertTrue(event.eventTime() > 0);
    }

    private static ObjectNode payload(String topic) {
        if (topic.startsWith("v2.outbound.")) {
            ObjectNode body = (ObjectNode)
                    GenesysEvents.preContact(LIST, CONTACT, CONVERSATION, TIME).get("eventBody");
            body.put("outboundQueueId", UUID.randomUUID().toString());
            if (topic.endsWith("postContact")) {
                body.put("wrapupCode", "ININ-OUTBOUND-TRANSFERRED-TO-QUEUE");
            }
            return body;
        }
        if (topic.endsWith(".outbound")) {
            return (ObjectNode)
                    GenesysEvents.outbound(LIST, CONTACT, CONVERSATION, TIME).get("eventBody");
        }
        if (topic.startsWith("v2.detail.")) {
            return (ObjectNode) GenesysEvents.detail(CONVERSATION, "x", TIME).get("eventBody");
        }
        return snapshot(topic);
    }

    /** A conversation snapshot: a connected customer, the contact in a preview or in participant attributes. */
    private static ObjectNode snapshot(String topic) {
        ObjectNode body = JSON.createObjectNode();
        body.put("id", CONVERSATION);
        ObjectNode participant = body.putArray("participants").addObject();
        participant.put("id", UUID.randomUUID().toString());
        participant.put("state", "connected");
        participant.put("purpose", "customer");
        participant.put("startTime", Instant.ofEpochMilli(TIME).toString());
        participant.put("connectedTime", Instant.ofEpochMilli(TIME + 4_000).toString());
        ObjectNode preview = JSON.createObjectNode()
                .put("id", UUID.randomUUID().toString())
                .put("contactId", CONTACT)
                .put("contactListId", LIST)
                .put("campaignId", GenesysEvents.CAMPAIGN_ID);
        if (topic.endsWith(".callbacks")) {
            participant.set("outboundPreview", preview);
        } else if (topic.endsWith(".conversations")) {
            participant.putArray("callbacks").addObject().set("dialerPreview", preview);
        } else {
            participant.putObject("attributes").put("dialerContactId", CONTACT).put("dialerContactListId", LIST);
        }
        return body;
    }
}
