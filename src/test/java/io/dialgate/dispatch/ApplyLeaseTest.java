package io.dialgate.dispatch;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 10, hole 1: when an apply may still call Genesys. Before each call it asks its lease: not once the lease is
 * lost, nor past the apply's total deadline, nor when no renewal reached Redis for two thirds of a lease (the lease may
 * be about to run out), nor after shutdown stopped it.
 */
class ApplyLeaseTest {

    private static final ClaimedContact CONTACT =
            ClaimedContact.of("L:C", "pod-a:1:L:C", Map.of("d:tier", "gold"), List.of("w1"));

    @Test
    void aFreshLeaseMayCall() {
        assertTrue(new ApplyLease(CONTACT, Duration.ofSeconds(30), Duration.ofSeconds(60)).mayCall());
    }

    @Test
    void aLostLeaseMakesNoFurtherCall() {
        ApplyLease lease = new ApplyLease(CONTACT, Duration.ofSeconds(30), Duration.ofSeconds(60));
        lease.lost();
        assertFalse(lease.mayCall());
    }

    @Test
    void pastItsTotalDeadlineAnApplyMakesNoFurtherCallHoweverOftenItsLeaseWasRenewed() throws Exception {
        ApplyLease lease = new ApplyLease(CONTACT, Duration.ofSeconds(30), Duration.ofMillis(50));
        Thread.sleep(80);
        lease.renewed(Instant.now());
        assertFalse(lease.mayCall());
    }

    @Test
    void aLeaseNotRenewedForTwoThirdsOfItsLengthMakesNoCallUntilRenewedAgain() throws Exception {
        ApplyLease lease = new ApplyLease(CONTACT, Duration.ofMillis(150), Duration.ofSeconds(60));
        Thread.sleep(120);
        assertFalse(lease.mayCall(), "the lease may run out before the call is answered");
        lease.renewed(Instant.now());
        assertTrue(lease.mayCall());
    }

    @Test
    void aStoppedLeaseMakesNoFurtherCall() {
        ApplyLease lease = new ApplyLease(CONTACT, Duration.ofSeconds(30), Duration.ofSeconds(60));
        lease.stop();
        assertFalse(lease.mayCall());
    }
}
