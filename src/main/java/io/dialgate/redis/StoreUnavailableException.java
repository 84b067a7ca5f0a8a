package io.dialgate.redis;

import io.dialgate.failure.DomainException;
import io.dialgate.failure.FailureKind;

import java.time.Duration;
import java.util.Optional;

/** Redis could not be reached or did not answer in time; the operation did not happen (or is unknown). */
public class StoreUnavailableException extends DomainException {

    /** A fail-over or a restart of Redis takes seconds; asking sooner only adds load. */
    private static final Duration RETRY_AFTER = Duration.ofSeconds(5);

    public StoreUnavailableException(String message, Throwable cause) {
        super(FailureKind.UNAVAILABLE, message, cause);
    }

    /** The message names Redis internals; the caller only learns that nothing was stored. */
    @Override
    public String detail() {
        return "The state store is unreachable; nothing was stored. Retry later.";
    }

    @Override
    public Optional<Duration> retryAfter() {
        return Optional.of(RETRY_AFTER);
    }
}
