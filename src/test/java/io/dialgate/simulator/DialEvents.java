package io.dialgate.simulator;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Duration;
import java.time.Instant;

/**
 * Builds the {@code eventBody} of each topic a dial produces. Field names and types follow the
 * topic schemas ({@link GenesysSpec#topicSchema}) exactly (checked by the contract test); fields whose
 * meaning is unknown to us are left out rather than guessed. Detail events other than
 * {@code .outbound} carry no dialer ids, as in real Genesys.
 */
final class DialEvents {

    static final String PRE_CONTACT_TOPIC = "v2.outbound.voice.campaigns.contact.preContact";
    static final String POST_CONTACT_TOPIC = "v2.outbound.voice.campaigns.contact.postContact";

    private DialEvents() {}

    static String outboundTopic(String conversationId) {
        return "v2.detail.events.conversation." + conversationId + ".outbound";
    }

    static String customerEndTopic(String conversationId) {
        return "v2.detail.events.conversation." + conversationId + ".customer.end";
    }

    static ObjectNode preContact(DialFacts f, Instant time) {
        return campaignEvent(f, time);
    }

    static ObjectNode postContact(DialFacts f, Instant time, String wrapupCode) {
        ObjectNode body = campaignEvent(f, time);
        body.put("wrapupCode", wrapupCode);
        body.put("isRightPartyContact", f.outcome().answered());
        body.put("callAnalysisDisposition", f.outcome().callAnalysisDisposition());
        if (f.outcome().answered()) {
            body.put("agentId", f.agentId());
        }
        return body;
    }

    static ObjectNode outbound(DialFacts f, Instant time) {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.put("mediaType", "VOICE");
        body.put("direction", "OUTBOUND");
        body.put("eventTime", time.toEpochMilli());
        body.put("conversationId", f.conversationId());
        body.put("participantId", f.customerParticipantId());
        body.put("sessionId", f.customerSessionId());
        addCallAddresses(body, f);
        body.put("outboundCampaignId", f.campaignId());
        body.put("divisionId", f.divisionId());
        body.put("outboundContactListId", f.contactListId());
        body.put("outboundContactId", f.contactId());
        return body;
    }

    /** @param interacting how long the customer talked to the agent; null when nobody answered */
    static ObjectNode customerEnd(DialFacts f, Instant time, Duration interacting) {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.put("disconnectType", f.outcome().disconnectType());
        body.put("mediaType", "VOICE");
        body.put("direction", "OUTBOUND");
        body.put("eventTime", time.toEpochMilli());
        body.put("conversationId", f.conversationId());
        body.put("participantId", f.customerParticipantId());
        body.put("sessionId", f.customerSessionId());
        addCallAddresses(body, f);
        if (interacting != null) {
            body.put("interactingDurationMs", interacting.toMillis());
        }
        body.put("divisionId", f.divisionId());
        return body;
    }

    private static ObjectNode campaignEvent(DialFacts f, Instant time) {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.put("dialingMode", f.dialingMode());
        body.put("eventTime", time.toEpochMilli());
        ObjectNode voice = body.putObject("voiceAttributes");
        voice.put("contactPhoneType", f.contactPhoneType());
        if (f.phoneNumber() != null) {
            voice.put("contactPhoneNumber", f.phoneNumber());
        }
        voice.put("callerIdPhoneNumber", f.callerIdNumber());
        voice.put("callerIdName", f.callerIdName());
        voice.put("isDeliveredAsPreview", false);
        body.put("outboundCampaignId", f.campaignId());
        body.put("divisionId", f.divisionId());
        body.put("outboundContactListId", f.contactListId());
        body.put("outboundQueueId", f.queueId());
        body.put("outboundContactId", f.contactId());
        body.put("isCampaignAlwaysRunning", false);
        body.put("isCampaignSkillBased", false);
        body.put("isCampaignDynamicSorting", false);
        body.put("isCampaignDynamicFiltering", false);
        body.put("isReCall", false);
        body.put("conversationId", f.conversationId());
        return body;
    }

    /** For an outbound call the caller id is the calling side (ani) and the contact's number the called side (dnis). */
    private static void addCallAddresses(ObjectNode body, DialFacts f) {
        body.put("provider", "Edge");
        String from = "tel:" + f.callerIdNumber();
        body.put("ani", from);
        body.put("addressFrom", from);
        if (f.phoneNumber() != null) {
            String to = "tel:" + f.phoneNumber().replaceAll("[\\s()-]", "");
            body.put("dnis", to);
            body.put("addressTo", to);
        }
    }
}
