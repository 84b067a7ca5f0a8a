package io.dialgate.events;

import com.fasterxml.jackson.databind.JsonNode;
import io.dialgate.state.DialerEvent;
import io.dialgate.state.DialerEvent.ContactRef;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/** Reads the fields the dial state needs from an event body of a routed topic; names as in the topic schemas. */
final class DialerEventReader {

    private DialerEventReader() {
    }

    /** Thrown for an event of a used topic that lacks what it must carry; the element is reported, not stored. */
    static final class UnreadableEvent extends Exception {
        UnreadableEvent(String message) {
            super(message, null, false, false);
        }
    }

    static DialerEvent read(Notification notification, TopicRoute route) throws UnreadableEvent {
        JsonNode body = notification.eventBody();
        long eventTime = eventTime(body, notification.envelopeTime());
        Optional<String> conversation = EnvelopeReader.text(body, "conversationId").or(route::topicConversationId);
        Optional<ContactRef> contact = Optional.empty();
        if (route.carries() == TopicRoute.Carries.CONTACT) {
            String list = required(body, "outboundContactListId", route);
            String id = required(body, "outboundContactId", route);
            contact = Optional.of(new ContactRef(list, id));
        } else if (conversation.isEmpty()) {
            throw new UnreadableEvent(route.label() + ": conversationId is missing");
        }
        return new DialerEvent(notification.topicName(), route.phase(), eventTime, contact, conversation,
                EnvelopeReader.text(body, "outboundCampaignId"));
    }

    private static String required(JsonNode body, String field, TopicRoute route) throws UnreadableEvent {
        return EnvelopeReader.text(body, field)
                .orElseThrow(() -> new UnreadableEvent(route.label() + ": eventBody." + field + " is missing"));
    }

    private static long eventTime(JsonNode body, Optional<String> envelopeTime) throws UnreadableEvent {
        JsonNode time = body.get("eventTime");
        if (time != null && time.canConvertToLong() && time.isIntegralNumber()) {
            return time.asLong();
        }
        Optional<String> iso = time != null && time.isTextual() ? Optional.of(time.asText()) : envelopeTime;
        if (iso.isPresent()) {
            try {
                return Instant.parse(iso.get()).toEpochMilli();
            } catch (DateTimeParseException e) {
                throw new UnreadableEvent("eventTime is neither epoch milliseconds nor an ISO-8601 instant");
            }
        }
        throw new UnreadableEvent("eventBody.eventTime is missing");
    }
}
