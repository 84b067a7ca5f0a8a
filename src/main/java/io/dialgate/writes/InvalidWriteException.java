package io.dialgate.writes;

import io.dialgate.failure.DomainException;
import io.dialgate.failure.FailureKind;

/** A write request that cannot be accepted as sent: its body, or its Idempotency-Key, is malformed. */
public class InvalidWriteException extends DomainException {

    InvalidWriteException(String detail) {
        super(FailureKind.INVALID_INPUT, detail);
    }
}
