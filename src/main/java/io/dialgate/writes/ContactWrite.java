package io.dialgate.writes;

import java.util.Map;
import java.util.Optional;

/**
 * What a CRM asks to change on one contact: the columns given are set and the others kept; {@code callable} and the
 * phone-number statuses only when given. Values are strings, as Genesys requires for contact {@code data}.
 */
public record ContactWrite(
        Map<String, String> data, Optional<Boolean> callable, Map<String, Boolean> phoneNumberStatus, Mode mode) {

    /** How {@code data} combines with the contact's current columns. */
    public enum Mode {
        /** Set the given columns, keep the others (dialgate reads the contact first). */
        MERGE,
        /** {@code data} is the complete data: the contact's columns become exactly these (no read needed). */
        REPLACE
    }
}
