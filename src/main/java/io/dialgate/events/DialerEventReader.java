package io.dialgate.events;

import com.fasterxml.jackson.databind.JsonNode;
import io.dialgate.state.ContactIds;
import io.dialgate.state.ContactRef;
import io.dialgate.state.DialPhase;
import io.dialgate.state.DialerEvent;
import io.dialgate.state.DialerEvent.DialResult;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/** Reads the fields the dial state needs from an event body of a routed topic; names as in the topic schemas. */
final class DialerEventReader {

    private DialerEventReader() {}

    /** Thrown for an event of a used topic that lacks what it must carry; the element is reported, not stored. */
    static final class UnreadableEvent extends Exception {
        UnreadableEvent(String message) {
            super(message, null, false, false);
        }
    }

    static DialerEvent read(Notification notification, TopicRoute route) throws UnreadableEvent {
        JsonNode body = notification.eventBody();
        long eventTime = eventTime(body, notification.envelopeTime());
        Optional<String> conversation =
                EnvelopeReader.text(body, "conversationId").or(route::topicConversationId);
        Optional<ContactRef> contact = Optional.empty();
        if (route.carries() == TopicRoute.Carries.CONTACT) {
            String list = required(body, "outboundContactListId", route);
            String id = required(body, "outboundContactId", route);
            if (ContactIds.canonicalListId(list).isEmpty()) {
                throw new UnreadableEvent(route.label() + ": eventBody.outboundContactListId is not a UUID");
            }
            if (!ContactIds.isContactId(id)) {
                throw new UnreadableEvent(route.label() + ": eventBody.outboundContactId is not a contact id");
            }
            contact = Optional.of(new ContactRef(list, id));
        } else if (conversation.isEmpty()) {
            throw new UnreadableEvent(route.label() + ": conversationId is missing");
        }
        return new DialerEvent(
                notification.topicName(),
                route.phase(),
                eventTime,
                contact,
                conversation,
                EnvelopeReader.text(body, "outboundCampaignId"),
                resultOf(body, route));
    }

    /** The postContact's call outcome, for the dial.ended callback; empty on other topics. */
    private static Optional<DialResult> resultOf(JsonNode body, TopicRoute route) {
        if (route.phase() != DialPhase.DONE) {
            return Optional.empty();
        }
        JsonNode rightParty = body.get("isRightPartyContact");
        return Optional.of(new DialResult(
                EnvelopeReader.text(body, "wrapupCode"),
                EnvelopeReader.text(body, "callAnalysisDisposition"),
                rightParty != null && rightParty.isBoolean() ? Optional.of(rightParty.asBoolean()) : Optional.empty()));
    }

    private static String required(JsonNode body, String field, TopicRoute route) throws UnreadableEvent {
        return EnvelopeReader.text(body, field)
                .orElseThrow(() -> new UnreadableEvent(route.label() + ": eventBody." + field + " is missing"));
    }

    /**
     * The body's {@code eventTime} (epoch milliseconds, or an ISO-8601 instant). Only when the body has none does the
     * envelope's time stand in for it; an eventTime that is present but unreadable rejects the event.
     */
    private static long eventTime(JsonNode body, Optional<String> envelopeTime) throws UnreadableEvent {
        JsonNode time = body.get("eventTime");
        if (time == null || time.isNull()) {
            return instant(envelopeTime.orElseThrow(() -> new UnreadableEvent("eventBody.eventTime is missing")));
        }
        if (time.isIntegralNumber() && time.canConvertToLong()) {
            return time.asLong();
        }
        if (time.isTextual()) {
            return instant(time.asText());
        }
        throw new UnreadableEvent("eventTime is neither epoch milliseconds nor an ISO-8601 instant");
    }

    private static long instant(String iso) throws UnreadableEvent {
        try {
            return Instant.parse(iso).toEpochMilli();
        } catch (DateTimeParseException e) {
            throw new UnreadableEvent("eventTime is neither epoch milliseconds nor an ISO-8601 instant");
        }
    }
}
