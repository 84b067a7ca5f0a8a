package io.dialgate.notifications;

import com.fasterxml.jackson.databind.JsonNode;
import io.dialgate.dispatch.WakeUps;
import io.dialgate.genesys.GenesysPlatform;
import io.dialgate.genesys.GenesysReply;
import io.dialgate.redis.LuaScript;
import io.dialgate.redis.RedisScripts;
import io.dialgate.redis.TenantKeys;
import io.dialgate.state.DialStateConfig;
import io.dialgate.tenant.Tenant;
import io.vertx.mutiny.redis.client.Response;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Rebuilds the active dials of a tenant's watched campaigns from Genesys: per campaign one
 * {@code GET /api/v2/outbound/campaigns/{id}} (status, contact list, queue) and one {@code .../interactions} (the
 * contacts the dialer has now). Each contact's correction is one script (reconcile-dial.lua); a campaign whose reads
 * failed (budget, Genesys) is left alone this round — a failed read never counts as "absent".
 */
@ApplicationScoped
class Reconciler {

    private static final Logger LOG = Logger.getLogger(Reconciler.class);
    private static final List<String> INTERACTION_LISTS = List.of(
            "pendingInteractions",
            "proceedingInteractions",
            "previewingInteractions",
            "interactingInteractions",
            "scheduledInteractions");

    private final GenesysPlatform genesys;
    private final RedisScripts redis;
    private final WakeUps wakeUps;
    private final NotificationMeters meters;
    private final NotificationsConfig config;
    private final DialStateConfig dialState;

    Reconciler(
            GenesysPlatform genesys,
            RedisScripts redis,
            WakeUps wakeUps,
            NotificationMeters meters,
            NotificationsConfig config,
            DialStateConfig dialState) {
        this.genesys = genesys;
        this.redis = redis;
        this.wakeUps = wakeUps;
        this.meters = meters;
        this.config = config;
        this.dialState = dialState;
    }

    /** What one round did. {@code complete} is false when some campaign could not be read. */
    record Round(boolean complete, int started, int ended) {}

    /** Reconciles every watched campaign; refreshes {@code campaigns} with what Genesys said of each. */
    Round reconcile(Tenant tenant, Map<String, CampaignFacts> campaigns) {
        boolean complete = true;
        int started = 0;
        int ended = 0;
        for (String campaignId : tenant.watch().campaigns()) {
            GenesysReply campaign = genesys.campaign(tenant, campaignId);
            if (campaign.successBody().isEmpty()) {
                complete = false;
                LOG.debugf("Tenant %s: campaign %s not read (%s)", tenant.name(), campaignId, campaign);
                continue;
            }
            CampaignFacts facts =
                    CampaignFacts.of(campaignId, campaign.successBody().get());
            campaigns.put(campaignId, facts);
            GenesysReply interactions = genesys.interactions(tenant, campaignId);
            if (interactions.successBody().isEmpty() || facts.contactListId().isEmpty()) {
                complete = false;
                continue;
            }
            int[] changes =
                    correct(tenant, facts, contactsIn(interactions.successBody().get()));
            started += changes[0];
            ended += changes[1];
        }
        return new Round(complete, started, ended);
    }

    private static Set<String> contactsIn(JsonNode body) {
        Set<String> contacts = new HashSet<>();
        for (String list : INTERACTION_LISTS) {
            for (JsonNode interaction : body.path(list)) {
                String contact = interaction.path("contact").path("id").asText("");
                if (!contact.isEmpty()) {
                    contacts.add(contact);
                }
            }
        }
        return contacts;
    }

    /** Applies one campaign's read; returns {started, ended}. */
    private int[] correct(Tenant tenant, CampaignFacts campaign, Set<String> contacts) {
        TenantKeys keys = new TenantKeys(tenant.name());
        String list = campaign.contactListId().orElseThrow();
        String index = keys.campaignDials(campaign.id());
        int started = 0;
        int ended = 0;
        Set<String> present = new HashSet<>();
        for (String contact : contacts) {
            String member = TenantKeys.member(list, contact);
            present.add(member);
            if (run(tenant, keys, member, index, "present", campaign).equals("started")) {
                started++;
            }
        }
        String absent = campaign.over() && contacts.isEmpty() ? "campaign_over" : "absent";
        boolean released = false;
        for (Response known : redis.command("ZRANGE", index, "0", "-1")) {
            String member = known.toString();
            if (present.contains(member)) {
                continue;
            }
            String action = run(tenant, keys, member, index, absent, campaign);
            if (action.startsWith("ended")) {
                ended++;
                released |= action.endsWith("released");
            }
        }
        if (released) {
            wakeUps.wake(tenant.name());
        }
        return new int[] {started, ended};
    }

    private String run(
            Tenant tenant, TenantKeys keys, String member, String index, String what, CampaignFacts campaign) {
        Response reply = redis.run(
                LuaScript.RECONCILE_DIAL,
                keys,
                List.of(keys.dial(member), index),
                List.of(
                        member,
                        what,
                        campaign.id(),
                        Long.toString(config.reconcileQuietPeriod().toMillis()),
                        Long.toString(tenant.activeDialTtl().toMillis()),
                        Long.toString(dialState.finishedDialMemory().toMillis())));
        String action = reply.get(0).toString();
        boolean released = reply.get(1).toInteger() == 1;
        switch (action) {
            case "started" -> {
                meters.corrected(tenant.name(), "dial_started");
                LOG.infof(
                        "Tenant %s: reconcile: contact %s is in a dial of campaign %s that no event announced; "
                                + "its writes are held",
                        tenant.name(), member, campaign.id());
            }
            case "ended" -> {
                String kind = what.equals("campaign_over") ? "campaign_over" : "dial_ended";
                meters.corrected(tenant.name(), kind);
                meters.releasedByReconcile(tenant.name());
                LOG.infof(
                        "Tenant %s: reconcile: the dial of contact %s ended (%s); no end event had arrived",
                        tenant.name(),
                        member,
                        what.equals("campaign_over")
                                ? "campaign " + campaign.id() + " is " + campaign.status()
                                : "absent from two interaction reads");
                return released ? "ended released" : "ended";
            }
            default -> {}
        }
        return action;
    }
}
