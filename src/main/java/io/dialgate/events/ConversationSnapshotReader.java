package io.dialgate.events;

import com.fasterxml.jackson.databind.JsonNode;
import io.dialgate.state.ContactIds;
import io.dialgate.state.ContactRef;
import io.dialgate.state.DialPhase;
import io.dialgate.state.DialerEvent;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Reads a queue or user conversation snapshot ({@code v2.routing.queues.{id}.conversations[.calls|.callbacks]},
 * {@code v2.users.{id}.conversations[...]}) as a dial event. The contact comes from a participant's
 * {@code outboundPreview} or {@code callbacks[].dialerPreview} (in the schemas), or from the participant
 * {@code attributes} {@code dialerContactId}/{@code dialerContactListId} (seen in integrations, not in any schema: used,
 * never required). Snapshots carry no eventTime: the latest participant timestamp stands in for it.
 */
final class ConversationSnapshotReader {

    private static final List<String> TIMESTAMPS =
            List.of("startTime", "connectedTime", "endTime", "startAcwTime", "endAcwTime");

    private ConversationSnapshotReader() {}

    /** The event, or empty when the conversation is not a dialer conversation (no contact in it). */
    static Optional<DialerEvent> read(Notification notification) throws DialerEventReader.UnreadableEvent {
        JsonNode body = notification.eventBody();
        JsonNode participants = body.path("participants");
        Optional<Dialer> dialer = Optional.empty();
        for (JsonNode participant : participants) {
            dialer = dialer.or(() -> dialerOf(participant));
        }
        if (dialer.isEmpty()) {
            return Optional.empty();
        }
        Optional<String> conversation = EnvelopeReader.text(body, "id");
        long eventTime = latestTimestamp(participants)
                .or(() -> notification.envelopeTime().flatMap(ConversationSnapshotReader::parse))
                .orElseThrow(() -> new DialerEventReader.UnreadableEvent(
                        "conversation snapshot without any participant timestamp"));
        return Optional.of(new DialerEvent(
                notification.topicName(),
                phaseOf(participants),
                eventTime,
                Optional.of(dialer.get().contact()),
                conversation,
                dialer.get().campaignId()));
    }

    private record Dialer(ContactRef contact, Optional<String> campaignId) {}

    private static Optional<Dialer> dialerOf(JsonNode participant) {
        Optional<Dialer> preview = previewOf(participant.path("outboundPreview"));
        for (JsonNode callback : participant.path("callbacks")) {
            preview = preview.or(() -> previewOf(callback.path("dialerPreview")));
        }
        return preview.or(() -> {
            JsonNode attributes = participant.path("attributes");
            Optional<String> contact = EnvelopeReader.text(attributes, "dialerContactId");
            Optional<String> list = EnvelopeReader.text(attributes, "dialerContactListId");
            return isContact(list, contact)
                    ? Optional.of(new Dialer(
                            new ContactRef(list.get(), contact.get()),
                            EnvelopeReader.text(attributes, "dialerCampaignId")))
                    : Optional.empty();
        });
    }

    private static Optional<Dialer> previewOf(JsonNode preview) {
        Optional<String> contact = EnvelopeReader.text(preview, "contactId");
        Optional<String> list = EnvelopeReader.text(preview, "contactListId");
        return isContact(list, contact)
                ? Optional.of(new Dialer(
                        new ContactRef(list.get(), contact.get()), EnvelopeReader.text(preview, "campaignId")))
                : Optional.empty();
    }

    /** Ids Genesys could have issued; anything else in a free attribute map names no contact of ours. */
    private static boolean isContact(Optional<String> list, Optional<String> contact) {
        return list.flatMap(ContactIds::canonicalListId).isPresent()
                && contact.filter(ContactIds::isContactId).isPresent();
    }

    /**
     * Anyone connected: CONNECTED; everyone gone: WRAPUP (the postContact follows); otherwise DIALING. States Genesys
     * adds later count as "still in progress".
     */
    private static DialPhase phaseOf(JsonNode participants) {
        boolean anyConnected = false;
        boolean allEnded = participants.size() > 0;
        for (JsonNode participant : participants) {
            String state = participant.path("state").asText("").toLowerCase(Locale.ROOT);
            anyConnected |= state.equals("connected");
            allEnded &= state.equals("disconnected") || state.equals("terminated");
        }
        return anyConnected ? DialPhase.CONNECTED : allEnded ? DialPhase.WRAPUP : DialPhase.DIALING;
    }

    private static Optional<Long> latestTimestamp(JsonNode participants) {
        Optional<Long> latest = Optional.empty();
        for (JsonNode participant : participants) {
            for (String field : TIMESTAMPS) {
                Optional<Long> time =
                        EnvelopeReader.text(participant, field).flatMap(ConversationSnapshotReader::parse);
                if (time.isPresent() && (latest.isEmpty() || time.get() > latest.get())) {
                    latest = time;
                }
            }
        }
        return latest;
    }

    private static Optional<Long> parse(String iso) {
        try {
            return Optional.of(Instant.parse(iso).toEpochMilli());
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
