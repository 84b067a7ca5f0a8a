package io.dialgate.state;

import java.util.Locale;

/**
 * A contact in a contact list (ids checked by {@link ContactIds} where they come from a client or an event). The list id
 * (a UUID) is kept in lower case, whoever spelt it, so every path — writes, events, dial-state reads — names the same
 * Redis entries; the contact id is opaque and kept as given.
 */
public record ContactRef(String contactListId, String contactId) {
    public ContactRef {
        contactListId = contactListId.toLowerCase(Locale.ROOT);
    }
}
