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
        Optional<String> campaignId) {

    /**
     * A contact in a contact list. The list id (a UUID) is kept in lower case, whoever spelt it, so every path — writes,
     * events, dial-state reads — names the same Redis entries; the contact id is opaque and kept as given.
     */
    public record ContactRef(String contactListId, String contactId) {
        public ContactRef {
            contactListId = contactListId.toLowerCase(java.util.Locale.ROOT);
        }
    }
}
