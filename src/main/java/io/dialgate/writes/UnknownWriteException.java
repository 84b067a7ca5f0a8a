package io.dialgate.writes;

import io.dialgate.failure.DomainException;
import io.dialgate.failure.FailureKind;

/** No status record for this write id: never accepted here, or past its retention. */
public class UnknownWriteException extends DomainException {

    UnknownWriteException(String writeId) {
        super(FailureKind.NOT_FOUND, "No write " + writeId + " (unknown, or past its retention).");
    }
}
