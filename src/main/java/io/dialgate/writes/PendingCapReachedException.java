package io.dialgate.writes;

import io.dialgate.failure.DomainException;
import io.dialgate.failure.FailureKind;

import java.time.Duration;
import java.util.Optional;

/**
 * A write would pass a cap on writes accepted and not yet ended (of the contact, or of the tenant); nothing was
 * stored. Backpressure: the writes already accepted drain as Genesys takes them, then the same request succeeds.
 */
public class PendingCapReachedException extends DomainException {

    /** Held writes wait for a dial to end and applies are paced by the API budget: seconds, not milliseconds. */
    private static final Duration RETRY_AFTER = Duration.ofSeconds(30);

    private PendingCapReachedException(String message) {
        super(FailureKind.OVER_CAPACITY, message);
    }

    /** Which cap a script said was reached: 'contact' or 'tenant'. */
    static PendingCapReachedException of(String scope, int cap) {
        return new PendingCapReachedException(
                scope.equals("contact")
                        ? "This contact already has " + cap
                                + " writes waiting to be applied; retry once they are applied."
                        : "This tenant already has " + cap + " writes waiting to be applied; retry once they drain.");
    }

    @Override
    public Optional<Duration> retryAfter() {
        return Optional.of(RETRY_AFTER);
    }
}
