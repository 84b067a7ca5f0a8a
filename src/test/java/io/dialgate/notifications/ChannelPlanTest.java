package io.dialgate.notifications;

import io.dialgate.tenant.Tenant;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Topics, their spread over channels, and the start-up check against Genesys's limits. */
class ChannelPlanTest {

    private static Tenant tenant(int campaigns, int extraTopics) {
        List<String> ids =
                IntStream.range(0, campaigns).mapToObj(i -> "campaign-" + i).toList();
        List<String> topics = IntStream.range(0, extraTopics)
                .mapToObj(i -> "v2.users.u" + i + ".conversations")
                .toList();
        return new Tenant(
                "big",
                URI.create("https://api.example"),
                URI.create("https://login.example"),
                "client",
                "secret",
                300,
                List.of("t"),
                List.of(),
                List.of("c"),
                Duration.ofMinutes(30),
                Duration.ofMinutes(5),
                new Tenant.PendingCaps(1_000_000, 1000),
                java.util.Optional.empty(),
                new Tenant.Watch(true, ids, topics, Duration.ofSeconds(60)),
                new io.dialgate.tenant.ApplyPolicy(io.dialgate.tenant.ApplyMode.CONTACT, 5, 50, 50));
    }

    @Test
    void anImpossibleTopicSetFailsWithWhatToChange() {
        // 4 dial topics + 2 x 5,000 campaigns + 9,000 extra = 19,004 topics > 19 channels of 1,000
        TopicLimitExceeded failure =
                assertThrows(TopicLimitExceeded.class, () -> ChannelPlan.check(tenant(5_000, 9_000)));

        assertTrue(failure.getMessage().contains("Tenant 'big'"), failure.getMessage());
        assertTrue(failure.getMessage().contains("19004 topics"), failure.getMessage());
        assertTrue(failure.getMessage().contains("20 channels per OAuth client"), failure.getMessage());
    }

    @Test
    void theLargestSetThatFitsIsAccepted() {
        assertDoesNotThrow(() -> ChannelPlan.check(tenant(0, 19_000 - 4)));
        assertThrows(TopicLimitExceeded.class, () -> ChannelPlan.check(tenant(0, 19_000 - 3)));
    }

    @Test
    void topicsAreTheDialTopicsTheCampaignsTheirQueuesAndTheExtrasSpreadInSlicesOfAThousand() {
        Tenant tenant = tenant(2, 1_500);
        List<String> topics = ChannelPlan.topics(
                tenant, List.of(new CampaignFacts("campaign-0", "on", Optional.of("list"), Optional.of("q1"))));

        assertEquals(ChannelPlan.DIAL_TOPICS, topics.subList(0, 4));
        assertTrue(topics.contains("v2.outbound.campaigns.campaign-1"));
        assertTrue(topics.contains("v2.routing.queues.q1.conversations.calls"));
        List<List<String>> shards = ChannelPlan.shards(topics);
        assertEquals(2, shards.size());
        assertEquals(1_000, shards.get(0).size());
        assertEquals(topics.size() - 1_000, shards.get(1).size());
    }
}
