package io.dialgate.redis;

import io.dialgate.failure.DomainException;
import io.dialgate.failure.FailureKind;

import java.time.Duration;
import java.util.Optional;

/**
 * Redis could not be reached, refused the operation, or did not answer in time. Either the operation did not happen
 * (it was not sent, or Redis refused it before running it), or its outcome is unknown (it was sent and no answer came:
 * a timeout, a connection that closed with it out — Redis may have run it).
 */
public class StoreUnavailableException extends DomainException {

    /** A fail-over or a restart of Redis takes seconds; asking sooner only adds load. */
    private static final Duration RETRY_AFTER = Duration.ofSeconds(5);

    private final boolean outcomeUnknown;

    /** The operation did not happen. */
    public StoreUnavailableException(String message, Throwable cause) {
        this(message, cause, false);
    }

    private StoreUnavailableException(String message, Throwable cause, boolean outcomeUnknown) {
        super(FailureKind.UNAVAILABLE, message, cause);
        this.outcomeUnknown = outcomeUnknown;
    }

    /** The operation was sent and no answer came: Redis may or may not have run it. */
    public static StoreUnavailableException outcomeUnknown(String message, Throwable cause) {
        return new StoreUnavailableException(message, cause, true);
    }

    public boolean isOutcomeUnknown() {
        return outcomeUnknown;
    }

    /** The message names Redis internals; the caller only learns whether anything may have been stored. */
    @Override
    public String detail() {
        return outcomeUnknown
                ? "The state store stopped answering after the request reached it; it may or may not have been "
                        + "stored. Retry with the same Idempotency-Key."
                : "The state store is unreachable; nothing was stored. Retry later.";
    }

    @Override
    public Optional<Duration> retryAfter() {
        return Optional.of(RETRY_AFTER);
    }
}
