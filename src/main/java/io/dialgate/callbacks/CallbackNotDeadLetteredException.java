package io.dialgate.callbacks;

import io.dialgate.failure.DomainException;
import io.dialgate.failure.FailureKind;

/** A replay asked for a callback that is not a dead letter (still queued or being sent): only dead letters replay. */
public class CallbackNotDeadLetteredException extends DomainException {

    CallbackNotDeadLetteredException(String id) {
        super(FailureKind.CONFLICT, "Callback " + id + " is not a dead letter; only dead letters can be replayed.");
    }
}
