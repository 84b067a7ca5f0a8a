package io.dialgate.state;

import java.util.regex.Pattern;

/**
 * Checks contact list and contact ids from URLs and bodies. Contact list ids are Genesys UUIDs and must not contain
 * ':' (it separates list and contact in Redis members); contact ids are opaque (often 32 hex characters, no dashes):
 * only control characters and absurd lengths are refused.
 */
public final class ContactIds {

    private static final Pattern LIST_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    private static final Pattern CONTACT_ID = Pattern.compile("[^\\p{Cntrl}]{1,256}");

    private ContactIds() {
    }

    public static String listId(String contactListId) {
        if (contactListId == null || !LIST_ID.matcher(contactListId).matches()) {
            throw new InvalidContactIdException("contactListId must be 1-64 letters, digits, '-' or '_' (a Genesys id).");
        }
        return contactListId;
    }

    public static ContactRef contact(String contactListId, String contactId) {
        if (contactId == null || !CONTACT_ID.matcher(contactId).matches()) {
            throw new InvalidContactIdException("contactId must be 1-256 characters without control characters.");
        }
        return new ContactRef(listId(contactListId), contactId);
    }
}
