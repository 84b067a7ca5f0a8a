package io.dialgate.notifications;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Optional;
import java.util.Set;

/**
 * What dialgate needs of a campaign ({@code GET /api/v2/outbound/campaigns/{id}}, or the {@code v2.outbound.campaigns.{id}}
 * topic): its status, its contact list (the interactions name only contact ids) and its queue (whose calls topic is
 * subscribed).
 */
record CampaignFacts(String id, String status, Optional<String> contactListId, Optional<String> queueId) {

    /** Statuses after which the campaign places no more calls (Campaign.campaignStatus). */
    private static final Set<String> OVER = Set.of("off", "complete", "forced_off");

    static CampaignFacts of(String id, JsonNode body) {
        return new CampaignFacts(
                id,
                body.path("campaignStatus").asText(""),
                text(body.path("contactList").path("id")),
                text(body.path("queue").path("id")));
    }

    boolean over() {
        return OVER.contains(status);
    }

    private static Optional<String> text(JsonNode node) {
        return node.isTextual() && !node.asText().isBlank() ? Optional.of(node.asText()) : Optional.empty();
    }
}
