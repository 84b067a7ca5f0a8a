package io.dialgate.writes;

import io.dialgate.failure.DomainException;
import io.dialgate.failure.FailureKind;

import java.time.Duration;
import java.util.Optional;

/** An Idempotency-Key that cannot be honoured now: reused for another request, or its first request still running. */
public class IdempotencyConflictException extends DomainException {

    /** A batch takes well under a second to store; a client waiting this long usually finds it done. */
    private static final Duration IN_PROGRESS_RETRY = Duration.ofSeconds(1);

    private final Duration retryAfter;

    private IdempotencyConflictException(FailureKind kind, String detail, Duration retryAfter) {
        super(kind, detail);
        this.retryAfter = retryAfter;
    }

    static IdempotencyConflictException reusedForAnotherRequest() {
        return new IdempotencyConflictException(
                FailureKind.CONTRADICTS_EARLIER,
                "This Idempotency-Key was already used with a different request; use a new key for a new request.",
                null);
    }

    static IdempotencyConflictException stillInProgress() {
        return new IdempotencyConflictException(
                FailureKind.CONFLICT,
                "A request with this Idempotency-Key is still being processed; retry shortly.",
                IN_PROGRESS_RETRY);
    }

    @Override
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }
}
