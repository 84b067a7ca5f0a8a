package io.dialgate.redis;

import io.dialgate.failure.DomainException;
import io.dialgate.failure.FailureKind;

import java.time.Duration;
import java.util.Optional;

/**
 * Redis stored the request on its primary, but fewer replicas than {@code dialgate.redis.replica-acks} confirmed it in
 * time: it is not acknowledged, since a fail-over now could lose it. Sending the same request again is safe — a write
 * with the same Idempotency-Key answers its stored result, an event already applied is a duplicate — and waits for
 * the replicas again.
 */
public class ReplicasNotConfirmedException extends DomainException {

    /** A replica that lags catches up in well under a second; one that is gone needs a fail-over or a restart. */
    private static final Duration RETRY_AFTER = Duration.ofSeconds(2);

    public ReplicasNotConfirmedException(long required, long confirmed) {
        super(
                FailureKind.UNAVAILABLE,
                "Redis replicas confirmed " + confirmed + " of the " + required
                        + " required (dialgate.redis.replica-acks)");
    }

    @Override
    public String detail() {
        return "The request reached the state store but was not confirmed by its replicas in time, so it is not"
                + " acknowledged. Send the same request again (writes with the same Idempotency-Key): it is not stored"
                + " twice.";
    }

    @Override
    public Optional<Duration> retryAfter() {
        return Optional.of(RETRY_AFTER);
    }
}
