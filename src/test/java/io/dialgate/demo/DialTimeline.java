package io.dialgate.demo;

import com.fasterxml.jackson.databind.JsonNode;
import io.dialgate.simulator.DeliveredEvent;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The dials of one simulated campaign as its events tell them: when each contact's dial started (preContact), when the
 * customer hung up (customer.end) and when the dialer let go of the contact (postContact). Times are the events'
 * {@code eventTime}, which the simulator stamps just before it locks or unlocks the contact.
 */
public final class DialTimeline {

    /**
     * One dial; {@code customerEnd} and {@code end} are null while it is still in progress.
     *
     * @param endAnswered when the events sink had answered the postContact delivery (null before): with {@code end},
     *                    it tells how much of a dial-end latency was spent delivering the event
     */
    public record DialWindow(
            String contactId,
            String conversationId,
            Instant start,
            Instant customerEnd,
            Instant end,
            Instant endAnswered) {

        public boolean covers(Instant t) {
            return !t.isBefore(start) && (end == null || !t.isAfter(end));
        }

        DialWindow withCustomerEnd(Instant t) {
            return new DialWindow(contactId, conversationId, start, t, end, endAnswered);
        }

        DialWindow withEnd(Instant t, Instant answered) {
            return new DialWindow(contactId, conversationId, start, customerEnd, t, answered);
        }
    }

    private final Map<String, List<DialWindow>> byContact;
    private final int dials;
    private final int ended;

    private DialTimeline(Map<String, List<DialWindow>> byContact) {
        this.byContact = byContact;
        this.dials = byContact.values().stream().mapToInt(List::size).sum();
        this.ended = (int) byContact.values().stream()
                .flatMap(List::stream)
                .filter(d -> d.end() != null)
                .count();
    }

    public static DialTimeline of(List<DeliveredEvent> deliveries) {
        Map<String, DialWindow> byConversation = new HashMap<>();
        List<String> order = new ArrayList<>();
        for (DeliveredEvent delivered : deliveries) {
            JsonNode envelope =
                    delivered.envelope().has("detail") ? delivered.envelope().get("detail") : delivered.envelope();
            String topic = envelope.path("topicName").asText("");
            JsonNode body = envelope.path("eventBody");
            String conversation = body.path("conversationId").asText(null);
            if (conversation == null) {
                continue;
            }
            Instant time = Instant.ofEpochMilli(body.path("eventTime").asLong());
            if (topic.endsWith(".contact.preContact")) {
                byConversation.putIfAbsent(
                        conversation,
                        new DialWindow(body.path("outboundContactId").asText(), conversation, time, null, null, null));
                order.add(conversation);
            } else if (topic.endsWith(".customer.end")) {
                byConversation.computeIfPresent(conversation, (id, d) -> d.withCustomerEnd(time));
            } else if (topic.endsWith(".contact.postContact")) {
                byConversation.computeIfPresent(conversation, (id, d) -> d.withEnd(time, delivered.time()));
            }
        }
        Map<String, List<DialWindow>> byContact = new HashMap<>();
        for (String conversation : order) {
            DialWindow dial = byConversation.get(conversation);
            byContact.computeIfAbsent(dial.contactId(), c -> new ArrayList<>()).add(dial);
        }
        return new DialTimeline(byContact);
    }

    /** The contact's dials in the order they started. */
    public List<DialWindow> dialsOf(String contactId) {
        return byContact.getOrDefault(contactId, List.of());
    }

    /** The dial of the contact in progress at {@code t}, if any. */
    public Optional<DialWindow> dialAt(String contactId, Instant t) {
        return dialsOf(contactId).stream().filter(d -> d.covers(t)).findFirst();
    }

    /** The first dial of the contact that had not ended by {@code t}. */
    public Optional<DialWindow> firstNotEndedBy(String contactId, Instant t) {
        return dialsOf(contactId).stream()
                .filter(d -> d.end() == null || !d.end().isBefore(t))
                .findFirst();
    }

    public int dials() {
        return dials;
    }

    public int endedDials() {
        return ended;
    }
}
