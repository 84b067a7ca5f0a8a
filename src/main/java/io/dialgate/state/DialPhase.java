package io.dialgate.state;

/**
 * Where the dialer is with a contact. The rank orders two events of one contact that carry the same eventTime: the
 * later phase wins. Every phase but {@link #DONE} is an active dial, during which writes are held.
 */
public enum DialPhase {
    /** Offered to an agent as a preview, not yet dialled. */
    QUEUED_FOR_DIAL(1, true),
    /** The dialer placed (or is placing) the call. */
    DIALING(2, true),
    /** Someone answered; a customer or agent is on the call. */
    CONNECTED(3, true),
    /** The customer has gone; the agent is wrapping up (the dialer writes the contact at the end). */
    WRAPUP(4, true),
    /** The dialer is finished with the contact. */
    DONE(5, false);

    private final int rank;
    private final boolean active;

    DialPhase(int rank, boolean active) {
        this.rank = rank;
        this.active = active;
    }

    public int rank() {
        return rank;
    }

    public boolean active() {
        return active;
    }
}
