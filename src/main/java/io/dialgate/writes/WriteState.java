package io.dialgate.writes;

/** Where an accepted write is; see docs/DESIGN.md for the transitions. */
public enum WriteState {
    /** Waiting to be applied: the contact is not in a dial (or another apply for it is under way). */
    QUEUED,
    /** Waiting for the contact's dial to end (or for Genesys to stop answering 409). */
    HELD,
    /** Being applied by one instance under a lease. */
    IN_FLIGHT,
    /** Genesys accepted the contact update that carried this write. */
    APPLIED,
    /** Genesys refused it for good; {@code lastError} says why. */
    FAILED
}
