package io.dialgate.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Instant;
import java.util.UUID;

/**
 * Genesys events with chosen ids and times, in both envelopes, for tests that need exact control over order and
 * timing. Field names and types follow the topic schemas of the Genesys spec fixtures (src/test/resources/genesys;
 * checked by TopicPayloadsContractTest).
 */
public final class GenesysEvents {

    private static final ObjectMapper JSON = new ObjectMapper();
    public static final String CAMPAIGN_ID = "6f1a2b3c-4d5e-4f60-8a7b-9c0d1e2f3a4b";

    private GenesysEvents() {}

    public static ObjectNode preContact(String list, String contact, String conversation, long eventTime) {
        return campaignEvent("v2.outbound.voice.campaigns.contact.preContact", list, contact, conversation, eventTime);
    }

    public static ObjectNode previewPreContact(String list, String contact, String conversation, long eventTime) {
        return campaignEvent(
                "v2.outbound.preview.campaigns.contact.preContact", list, contact, conversation, eventTime);
    }

    public static ObjectNode postContact(String list, String contact, String conversation, long eventTime) {
        ObjectNode event = campaignEvent(
                "v2.outbound.voice.campaigns.contact.postContact", list, contact, conversation, eventTime);
        ((ObjectNode) event.get("eventBody")).put("wrapupCode", "ININ-OUTBOUND-TRANSFERRED-TO-QUEUE");
        return event;
    }

    public static ObjectNode outbound(String list, String contact, String conversation, long eventTime) {
        ObjectNode body = detailBody(conversation, eventTime);
        body.put("outboundContactListId", list);
        body.put("outboundContactId", contact);
        body.put("outboundCampaignId", CAMPAIGN_ID);
        return notification("v2.detail.events.conversation." + conversation + ".outbound", body);
    }

    /** A conversation detail event without dialer ids: customer.start, customer.end, acw, wrapup, ... */
    public static ObjectNode detail(String conversation, String sub, long eventTime) {
        return notification(
                "v2.detail.events.conversation." + conversation + "." + sub, detailBody(conversation, eventTime));
    }

    public static ObjectNode notification(String topic, ObjectNode body) {
        ObjectNode event = JSON.createObjectNode();
        event.put("topicName", topic);
        event.put("version", "2");
        event.set("eventBody", body);
        event.putObject("metadata").put("CorrelationId", UUID.randomUUID().toString());
        return event;
    }

    /** The same notification as Amazon EventBridge delivers it from the Genesys partner event source. */
    public static ObjectNode eventBridge(ObjectNode notification) {
        ObjectNode event = JSON.createObjectNode();
        event.put("version", "0");
        event.put("id", UUID.randomUUID().toString());
        event.put("detail-type", notification.get("topicName").asText());
        event.put("source", "aws.partner/genesys.com/cloud/" + UUID.randomUUID() + "/dialgate");
        event.put("account", "123456789012");
        event.put("time", Instant.now().toString());
        event.put("region", "us-east-1");
        event.putArray("resources");
        ObjectNode detail = notification.deepCopy();
        detail.put("timestamp", Instant.now().toString());
        event.set("detail", detail);
        return event;
    }

    public static ArrayNode array(ObjectNode... events) {
        ArrayNode array = JSON.createArrayNode();
        for (ObjectNode event : events) {
            array.add(event);
        }
        return array;
    }

    private static ObjectNode campaignEvent(
            String topic, String list, String contact, String conversation, long eventTime) {
        ObjectNode body = JSON.createObjectNode();
        body.put("dialingMode", "PREDICTIVE");
        body.put("eventTime", eventTime);
        body.put("outboundCampaignId", CAMPAIGN_ID);
        body.put("outboundContactListId", list);
        body.put("outboundContactId", contact);
        body.put("conversationId", conversation);
        return notification(topic, body);
    }

    private static ObjectNode detailBody(String conversation, long eventTime) {
        ObjectNode body = JSON.createObjectNode();
        body.put("eventTime", eventTime);
        body.put("conversationId", conversation);
        body.put("participantId", UUID.randomUUID().toString());
        body.put("sessionId", UUID.randomUUID().toString());
        body.put("mediaType", "VOICE");
        body.put("direction", "OUTBOUND");
        return body;
    }
}
