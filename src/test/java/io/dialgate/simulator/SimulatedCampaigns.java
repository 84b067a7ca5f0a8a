package io.dialgate.simulator;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Outbound campaigns as {@code GET /api/v2/outbound/campaigns/{id}} and {@code .../interactions} show them. The
 * interactions are the dialer's active dials of the campaign; a status change is published on
 * {@code v2.outbound.campaigns.{id}}, as Genesys does.
 */
public final class SimulatedCampaigns {

    private record Campaign(String id, String name, String status, String contactListId, String queueId, int version) {}

    private final Map<String, Campaign> campaigns = new ConcurrentHashMap<>();
    private final SimulatedNotifications notifications;
    private volatile Supplier<List<Dial>> activeDials = List::of;

    SimulatedCampaigns(SimulatedNotifications notifications) {
        this.notifications = notifications;
    }

    void dialsFrom(Supplier<List<Dial>> dials) {
        this.activeDials = dials;
    }

    /** Defines (or redefines) a campaign, status {@code on}. */
    public void define(String campaignId, String contactListId, String queueId) {
        campaigns.put(
                campaignId,
                new Campaign(campaignId, "campaign " + campaignId.substring(0, 8), "on", contactListId, queueId, 1));
    }

    /** Changes the campaign's status ({@code on}, {@code stopping}, {@code off}, {@code complete}, ...) and publishes it. */
    public void setStatus(String campaignId, String status) {
        Campaign updated = campaigns.computeIfPresent(
                campaignId,
                (id, c) -> new Campaign(c.id(), c.name(), status, c.contactListId(), c.queueId(), c.version() + 1));
        if (updated != null) {
            ObjectNode envelope = JsonNodeFactory.instance.objectNode();
            envelope.put("topicName", "v2.outbound.campaigns." + campaignId);
            envelope.put("version", "2");
            envelope.set("eventBody", body(updated));
            envelope.putObject("metadata")
                    .put("CorrelationId", UUID.randomUUID().toString());
            notifications.publish(envelope);
        }
    }

    Optional<ObjectNode> campaign(String campaignId) {
        return Optional.ofNullable(campaigns.get(campaignId)).map(SimulatedCampaigns::body);
    }

    /** The campaign's interactions: each active dial is proceeding until it is answered, then interacting. */
    Optional<ObjectNode> interactions(String campaignId) {
        Campaign campaign = campaigns.get(campaignId);
        if (campaign == null) {
            return Optional.empty();
        }
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.putObject("campaign").put("id", campaignId);
        body.putArray("pendingInteractions");
        ArrayNode proceeding = body.putArray("proceedingInteractions");
        body.putArray("previewingInteractions");
        body.putArray("interactingInteractions");
        body.putArray("scheduledInteractions");
        for (Dial dial : activeDials.get()) {
            if (dial.campaignId().equals(campaignId) && dial.isActive()) {
                ObjectNode interaction = proceeding.addObject();
                interaction.put("id", dial.conversationId());
                interaction.putObject("campaign").put("id", campaignId);
                interaction.putObject("contact").put("id", dial.contactId());
                interaction.putObject("queue").put("id", campaign.queueId());
                interaction.putObject("conversation").put("id", dial.conversationId());
                interaction.put("dialingMode", "predictive");
                interaction.put("creationTime", Instant.now().toString());
            }
        }
        return Optional.of(body);
    }

    private static ObjectNode body(Campaign c) {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.put("id", c.id());
        body.put("name", c.name());
        body.put("version", c.version());
        body.put("dialingMode", "predictive");
        body.put("campaignStatus", c.status());
        if (c.contactListId() != null) {
            body.putObject("contactList").put("id", c.contactListId());
        }
        if (c.queueId() != null) {
            body.putObject("queue").put("id", c.queueId());
        }
        return body;
    }
}
