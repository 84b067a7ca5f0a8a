package io.dialgate.notifications;

import io.dialgate.tenant.Tenant;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Which topics a tenant's channels subscribe to, and how they are spread over channels. Genesys allows 1,000 topics per
 * channel and 20 channels per OAuth client, and a 21st channel evicts the oldest: since a channel is replaced
 * make-before-break, one of the 20 is kept free for the replacement, so at most 19 are planned.
 */
final class ChannelPlan {

    static final int TOPICS_PER_CHANNEL = 1000;
    static final int CHANNELS_PER_CLIENT = 20;
    static final int PLANNED_CHANNELS = CHANNELS_PER_CLIENT - 1;

    /** The dial topics every watched tenant needs, whatever its campaigns. */
    static final List<String> DIAL_TOPICS = List.of(
            "v2.outbound.voice.campaigns.contact.preContact",
            "v2.outbound.voice.campaigns.contact.postContact",
            "v2.outbound.preview.campaigns.contact.preContact",
            "v2.outbound.preview.campaigns.contact.postContact");

    private ChannelPlan() {}

    static String campaignTopic(String campaignId) {
        return "v2.outbound.campaigns." + campaignId;
    }

    static String queueTopic(String queueId) {
        return "v2.routing.queues." + queueId + ".conversations.calls";
    }

    /** The campaign id of a campaign status topic, if the topic is one. */
    static Optional<String> campaignOf(String topic) {
        String prefix = "v2.outbound.campaigns.";
        return topic.startsWith(prefix) && topic.indexOf('.', prefix.length()) < 0
                ? Optional.of(topic.substring(prefix.length()))
                : Optional.empty();
    }

    /** The topics to subscribe now: the dial topics, each campaign and its queue (when known), the extra topics. */
    static List<String> topics(Tenant tenant, List<CampaignFacts> campaigns) {
        Set<String> topics = new LinkedHashSet<>(DIAL_TOPICS);
        for (String campaign : tenant.watch().campaigns()) {
            topics.add(campaignTopic(campaign));
        }
        for (CampaignFacts facts : campaigns) {
            facts.queueId().ifPresent(queue -> topics.add(queueTopic(queue)));
        }
        topics.addAll(tenant.watch().extraTopics());
        return List.copyOf(topics);
    }

    /** The most topics the tenant can ever need: every campaign with a queue of its own. */
    static int mostTopics(Tenant tenant) {
        return DIAL_TOPICS.size()
                + 2 * tenant.watch().campaigns().size()
                + tenant.watch().extraTopics().size();
    }

    /** Fails when the tenant's topics could not fit, with what to change. */
    static void check(Tenant tenant) {
        int topics = mostTopics(tenant);
        int channels = (topics + TOPICS_PER_CHANNEL - 1) / TOPICS_PER_CHANNEL;
        if (channels > PLANNED_CHANNELS) {
            throw new TopicLimitExceeded("Tenant '" + tenant.name() + "': notifications need up to " + topics
                    + " topics (4 dial topics, 2 per campaign for "
                    + tenant.watch().campaigns().size()
                    + " campaigns, " + tenant.watch().extraTopics().size() + " notifications.topics), that is "
                    + channels + " channels of " + TOPICS_PER_CHANNEL + "; Genesys allows " + CHANNELS_PER_CLIENT
                    + " channels per OAuth client and dialgate keeps one free to replace a channel without a gap, so "
                    + "at most " + PLANNED_CHANNELS * TOPICS_PER_CHANNEL + " topics. Watch fewer campaigns, drop "
                    + "notifications.topics, or split the org over two OAuth clients (two tenants).");
        }
    }

    /** The topics in channel-sized slices, in order. */
    static List<List<String>> shards(List<String> topics) {
        List<List<String>> shards = new ArrayList<>();
        for (int from = 0; from < topics.size(); from += TOPICS_PER_CHANNEL) {
            shards.add(List.copyOf(topics.subList(from, Math.min(topics.size(), from + TOPICS_PER_CHANNEL))));
        }
        return shards;
    }
}
