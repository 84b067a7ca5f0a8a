package io.dialgate.state;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What contact list and contact ids Genesys issues, checked where ids come in (URLs, bodies, events). Contact list ids
 * are UUIDs; dialgate keys them in lower case so that a CRM that spells them in upper case meets the same Redis
 * entries as the events. Contact ids are opaque (32 hex characters when Genesys makes them, anything the CRM chose when
 * it imported them): refused are only what cannot be an id in a URL path segment — the dot segments {@code .} and
 * {@code ..}, slashes and backslashes, whitespace and control characters — and more than 256 characters.
 */
public final class ContactIds {

    static final String LIST_ID_RULE = "contactListId must be a Genesys contact list id: a UUID such as "
            + "6a9f0c9e-2d4b-4c47-9f59-2e6f8e1d0a11.";
    static final String CONTACT_ID_RULE =
            "contactId must be 1-256 characters, not . or .., without /, \\, " + "whitespace or control characters.";

    private static final Pattern UUID =
            Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    private static final Pattern CONTACT_ID = Pattern.compile("[^\\p{Cc}\\p{Z}\\p{javaWhitespace}/\\\\]{1,256}");

    private ContactIds() {}

    /** The contact list id as dialgate keys it (lower case), or empty when it is not a UUID. */
    public static Optional<String> canonicalListId(String contactListId) {
        return contactListId != null && UUID.matcher(contactListId).matches()
                ? Optional.of(contactListId.toLowerCase(Locale.ROOT))
                : Optional.empty();
    }

    /** Whether Genesys could have issued this contact id, and it is safe as a URL path segment. */
    public static boolean isContactId(String contactId) {
        return contactId != null
                && CONTACT_ID.matcher(contactId).matches()
                && !contactId.equals(".")
                && !contactId.equals("..");
    }

    public static String listId(String contactListId) {
        return canonicalListId(contactListId).orElseThrow(() -> new InvalidContactIdException(LIST_ID_RULE));
    }

    public static ContactRef contact(String contactListId, String contactId) {
        if (!isContactId(contactId)) {
            throw new InvalidContactIdException(CONTACT_ID_RULE);
        }
        return new ContactRef(listId(contactListId), contactId);
    }
}
