package io.dialgate.dispatch;

import java.time.Duration;
import java.time.Instant;

/**
 * One running apply's hold on its contact: renewed while the apply runs (TenantDispatcher), lost when a renewal finds
 * the lease taken back. The apply asks {@link #mayCall()} before each Genesys call, so no call — above all no PUT — is
 * made on a lease that is lost or past the apply's deadline; and while a PUT is out ({@link #putOutstanding()}) the
 * lease is never handed back, since the PUT may still land.
 */
final class ApplyLease {

    private final ClaimedContact contact;
    private final Instant deadline;
    private final Duration safeHold;
    private volatile Instant renewedAt = Instant.now();
    private volatile boolean lost;
    private volatile boolean stopped;
    private volatile boolean putOutstanding;

    /**
     * @param lease the lease length; a call starts only while at least a third of it is known to remain (so a
     *              renewal that could not reach Redis stops new calls before the lease may have run out)
     */
    ApplyLease(ClaimedContact contact, Duration lease, Duration applyDeadline) {
        this.contact = contact;
        this.deadline = Instant.now().plus(applyDeadline);
        this.safeHold = lease.multipliedBy(2).dividedBy(3);
    }

    ClaimedContact contact() {
        return contact;
    }

    /** Whether another Genesys call may start now: the lease is still this apply's and the deadline not passed. */
    boolean mayCall() {
        Instant now = Instant.now();
        return !lost && !stopped && now.isBefore(deadline) && now.isBefore(renewedAt.plus(safeHold));
    }

    /** Redis extended the lease (renew-lease.lua); {@code startedAt}: when the renewal was sent. */
    void renewed(Instant startedAt) {
        renewedAt = startedAt;
    }

    /** No further call (shutdown hands the lease back); a PUT already out keeps the lease until it is answered. */
    void stop() {
        stopped = true;
    }

    void lost() {
        lost = true;
    }

    boolean isLost() {
        return lost;
    }

    void putSent() {
        putOutstanding = true;
    }

    void putAnswered() {
        putOutstanding = false;
    }

    /** A PUT was sent and has neither been answered nor timed out: it may still land. */
    boolean putOutstanding() {
        return putOutstanding;
    }
}
