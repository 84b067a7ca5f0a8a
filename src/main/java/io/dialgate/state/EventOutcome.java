package io.dialgate.state;

/** What applying one event did to the dial state. */
public enum EventOutcome {
    /** The event moved the contact's state forward. */
    APPLIED,
    /** The event is not newer than what is already applied (a duplicate or a late, older event). */
    STALE,
    /** A start for a conversation that already ended, delivered late: it does not reopen the dial. */
    LATE,
    /** A conversation event whose conversation was never linked to a contact (its {@code .outbound} event is unknown). */
    UNJOINED;

    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
