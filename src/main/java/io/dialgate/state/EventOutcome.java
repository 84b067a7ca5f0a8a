package io.dialgate.state;

import java.util.Locale;

/** What applying one event did to the dial state. */
public enum EventOutcome {
    /** The event moved the contact's state forward. */
    APPLIED,
    /** The same event (same eventTime and phase) as the one applied last: a redelivery. */
    DUPLICATE,
    /** The event is older than what is already applied: it arrived late and changes nothing. */
    STALE,
    /** A start for a conversation that already ended, delivered late: it does not reopen the dial. */
    LATE,
    /**
     * A conversation event that arrived before the {@code .outbound} event linking its conversation to a contact: kept
     * with the conversation and applied when the link arrives.
     */
    PARKED;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
