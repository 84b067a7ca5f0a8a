package io.dialgate.callbacks;

import io.dialgate.failure.DomainException;
import io.dialgate.failure.FailureKind;

/** No callback dead letter with this id: never one, already replayed and delivered, or past its retention. */
public class UnknownCallbackException extends DomainException {

    UnknownCallbackException(String id) {
        super(FailureKind.NOT_FOUND, "No callback dead letter " + id + " (unknown, or past its retention).");
    }
}
