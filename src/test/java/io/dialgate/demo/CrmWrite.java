package io.dialgate.demo;

import java.time.Instant;
import java.util.Map;

/**
 * One contact update the simulated CRM sends. Every write carries {@code crm_note = "w<seq>"}, so a PUT that Genesys
 * received can be traced back to the newest write it carries, whether it came directly or merged through dialgate.
 *
 * @param seq        1, 2, 3, ... in the order the CRM created the writes
 * @param offsetMillis when it was sent, relative to the campaign start (a replay sends it at the same offset)
 * @param columns    the contact columns it sets
 * @param fullRecord the CRM's whole view of the contact after this write: what a direct PUT must carry, because a
 *                   Genesys PUT replaces {@code data} as a whole
 */
public record CrmWrite(
        long seq,
        long offsetMillis,
        String contactListId,
        String contactId,
        Map<String, String> columns,
        Map<String, String> fullRecord) {

    public static final String SEQ_COLUMN = "crm_note";

    public static String seqValue(long seq) {
        return "w" + seq;
    }

    /** The write sequence a contact's {@code data} carries, or -1. */
    public static long seqOf(Map<String, String> data) {
        String note = data == null ? null : data.get(SEQ_COLUMN);
        if (note == null || !note.startsWith("w")) {
            return -1;
        }
        try {
            return Long.parseLong(note.substring(1));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** The same write to the same contact id in another contact list (a second copy of the campaign). */
    public CrmWrite inList(String otherListId) {
        return new CrmWrite(seq, offsetMillis, otherListId, contactId, columns, fullRecord);
    }

    /** When this write was handed to a write path in one run. */
    public record Sent(CrmWrite write, Instant at, boolean contactInDial) {}
}
