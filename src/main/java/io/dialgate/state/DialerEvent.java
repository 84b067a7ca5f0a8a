package io.dialgate.state;

import java.util.Optional;

/**
 * One Genesys event reduced to what the dial state needs. Events of the conversation detail topics other than
 * {@code .outbound} carry no contact: {@link #contact()} is empty and the store joins them by conversation id.
 */
public record DialerEvent(
        String topic,
        DialPhase phase,
        long eventTime,
        Optional<ContactRef> contact,
        Optional<String> conversationId,
        Optional<String> campaignId) {}
