package io.dialgate.dispatch;

import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.List;

/**
 * Shutdown steps (2) and (3) of docs/DESIGN.md for every tenant, within one deadline: wait for each tenant's applies in
 * flight, then give back the leases of those still running. One tenant's failure — Redis down, so its leases cannot be
 * given back — never keeps the other tenants from being drained, and the whole drain never takes longer than
 * {@code dispatch.shutdown-drain} plus one attempt per tenant to give its leases back.
 */
final class ShutdownDrain {

    private static final Logger LOG = Logger.getLogger(ShutdownDrain.class);

    /** What shutdown needs of one tenant's dispatch loop. */
    interface Loop {
        String tenant();

        /** Waits for the loop's applies in flight; true when all finished in time. */
        boolean drain(Duration timeout) throws InterruptedException;

        /** Gives back the leases of applies still running; how many were given back. */
        int releaseInFlight();
    }

    private ShutdownDrain() {}

    /** Drains every loop; returns how many tenants had applies still running at the deadline. */
    static int drainAll(List<? extends Loop> loops, Duration drain) throws InterruptedException {
        long deadline = System.nanoTime() + drain.toNanos();
        int unfinished = 0;
        for (Loop loop : loops) {
            Duration left = Duration.ofNanos(Math.max(0, deadline - System.nanoTime()));
            if (loop.drain(left)) {
                continue;
            }
            unfinished++;
            try {
                int released = loop.releaseInFlight();
                LOG.warnf(
                        "Tenant %s: %d apply(s) still running after the %s drain: their leases were given back "
                                + "for another instance",
                        loop.tenant(), released, drain);
            } catch (RuntimeException e) {
                LOG.warnf(
                        "Tenant %s: applies still running after the %s drain, and their leases could not be given "
                                + "back (%s): they expire and another instance applies them",
                        loop.tenant(), drain, e.getMessage());
            }
        }
        return unfinished;
    }
}
