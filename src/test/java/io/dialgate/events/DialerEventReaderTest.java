package io.dialgate.events;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class DialerEventReaderTest {

    private static final TopicRoute PRE_CONTACT =
            TopicRoute.of("v2.outbound.voice.campaigns.contact.preContact").orElseThrow();
    private final ObjectMapper json = new ObjectMapper();

    private ObjectNode body() {
        return json.createObjectNode()
                .put("outboundContactListId", "6a9f0c9e-2d4b-4c47-9f59-2e6f8e1d0a11")
                .put("outboundContactId", "c");
    }

    @Test
    void epochMillisecondsAreTheEventTime() throws Exception {
        Notification notification =
                new Notification("t", body().put("eventTime", 1_700_000_000_123L), Optional.empty());
        assertEquals(
                1_700_000_000_123L,
                DialerEventReader.read(notification, PRE_CONTACT).eventTime());
    }

    @Test
    void withoutAnEventTimeTheEnvelopeTimeStandsIn() throws Exception {
        Notification notification = new Notification("t", body(), Optional.of("2026-11-28T09:00:00.250Z"));
        assertEquals(
                Instant.parse("2026-11-28T09:00:00.250Z").toEpochMilli(),
                DialerEventReader.read(notification, PRE_CONTACT).eventTime());
    }

    @Test
    void anUnreadableEventTimeIsRefusedEvenWhenTheEnvelopeHasATime() {
        Notification notification =
                new Notification("t", body().put("eventTime", 1.5), Optional.of("2026-11-28T09:00:00Z"));
        assertEquals(
                "eventTime is neither epoch milliseconds nor an ISO-8601 instant",
                assertThrows(
                                DialerEventReader.UnreadableEvent.class,
                                () -> DialerEventReader.read(notification, PRE_CONTACT))
                        .getMessage());
    }

    @Test
    void aMissingContactIdIsRefusedNamingTheField() {
        Notification notification =
                new Notification("t", body().put("eventTime", 1).put("outboundContactId", ""), Optional.empty());
        assertEquals(
                "voice.preContact: eventBody.outboundContactId is missing",
                assertThrows(
                                DialerEventReader.UnreadableEvent.class,
                                () -> DialerEventReader.read(notification, PRE_CONTACT))
                        .getMessage());
    }

    @Test
    void aListIdInUpperCaseNamesTheSameContactAsInLowerCase() throws Exception {
        Notification notification = new Notification(
                "t",
                body().put("eventTime", 1).put("outboundContactListId", "6A9F0C9E-2D4B-4C47-9F59-2E6F8E1D0A11"),
                Optional.empty());
        assertEquals(
                "6a9f0c9e-2d4b-4c47-9f59-2e6f8e1d0a11",
                DialerEventReader.read(notification, PRE_CONTACT)
                        .contact()
                        .orElseThrow()
                        .contactListId());
    }

    @Test
    void idsGenesysDoesNotIssueAreRefused() {
        Notification badList =
                new Notification("t", body().put("eventTime", 1).put("outboundContactListId", "l:1"), Optional.empty());
        assertEquals(
                "voice.preContact: eventBody.outboundContactListId is not a UUID",
                assertThrows(
                                DialerEventReader.UnreadableEvent.class,
                                () -> DialerEventReader.read(badList, PRE_CONTACT))
                        .getMessage());
        Notification dots =
                new Notification("t", body().put("eventTime", 1).put("outboundContactId", ".."), Optional.empty());
        assertEquals(
                "voice.preContact: eventBody.outboundContactId is not a contact id",
                assertThrows(DialerEventReader.UnreadableEvent.class, () -> DialerEventReader.read(dots, PRE_CONTACT))
                        .getMessage());
    }
}
