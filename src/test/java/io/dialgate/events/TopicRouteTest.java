package io.dialgate.events;

import io.dialgate.state.DialPhase;
import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TopicRouteTest {

    @Test
    void voicePreContactStartsADial() {
        TopicRoute route =
                TopicRoute.of("v2.outbound.voice.campaigns.contact.preContact").orElseThrow();
        assertEquals(DialPhase.DIALING, route.phase());
        assertEquals(TopicRoute.Carries.CONTACT, route.carries());
    }

    @Test
    void previewPreContactQueuesForDial() {
        assertEquals(
                DialPhase.QUEUED_FOR_DIAL,
                TopicRoute.of("v2.outbound.preview.campaigns.contact.preContact")
                        .orElseThrow()
                        .phase());
    }

    @Test
    void postContactEndsTheDial() {
        TopicRoute route =
                TopicRoute.of("v2.outbound.voice.campaigns.contact.postContact").orElseThrow();
        assertEquals(DialPhase.DONE, route.phase());
        assertEquals(false, route.phase().active());
    }

    @Test
    void outboundDetailEventCarriesTheContactAndTheConversationIdOfTheTopic() {
        TopicRoute route =
                TopicRoute.of("v2.detail.events.conversation.5f0a-77.outbound").orElseThrow();
        assertEquals(DialPhase.DIALING, route.phase());
        assertEquals(TopicRoute.Carries.CONTACT, route.carries());
        assertEquals(Optional.of("5f0a-77"), route.topicConversationId());
    }

    @Test
    void customerEndIsWrapUpJoinedByConversation() {
        TopicRoute route =
                TopicRoute.of("v2.detail.events.conversation.abc.customer.end").orElseThrow();
        assertEquals(DialPhase.WRAPUP, route.phase());
        assertEquals(TopicRoute.Carries.CONVERSATION, route.carries());
    }

    @Test
    void topicsDialgateDoesNotUseAreNotRouted() {
        assertTrue(TopicRoute.of("v2.users.abc.presence").isEmpty());
        assertTrue(TopicRoute.of("v2.detail.events.conversation.abc.attributes").isEmpty());
        assertTrue(TopicRoute.of("channel.metadata").isEmpty());
    }
}
