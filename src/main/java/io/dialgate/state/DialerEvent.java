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
        Optional<String> campaignId,
        Optional<DialResult> result) {

    /** An event that carries no call outcome (every topic but postContact). */
    public DialerEvent(
            String topic,
            DialPhase phase,
            long eventTime,
            Optional<ContactRef> contact,
            Optional<String> conversationId,
            Optional<String> campaignId) {
        this(topic, phase, eventTime, contact, conversationId, campaignId, Optional.empty());
    }

    /**
     * How a dial ended, from a postContact: {@code wrapupCode}, {@code callAnalysisDisposition},
     * {@code isRightPartyContact} (each optional in the topic schema); the dial.ended callback carries them.
     */
    public record DialResult(
            Optional<String> wrapupCode,
            Optional<String> callAnalysisDisposition,
            Optional<Boolean> isRightPartyContact) {}
}
