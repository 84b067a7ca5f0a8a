package io.dialgate.state;

/** A contact in a contact list; both ids are opaque strings (checked by {@link ContactIds} where they come from a client). */
public record ContactRef(String contactListId, String contactId) {
}
