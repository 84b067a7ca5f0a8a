package io.dialgate.state;

import io.dialgate.failure.DomainException;
import io.dialgate.failure.FailureKind;

/** A contact list id or contact id that cannot name a Genesys contact (see {@link ContactIds}). */
public class InvalidContactIdException extends DomainException {

    InvalidContactIdException(String detail) {
        super(FailureKind.INVALID_INPUT, detail);
    }
}
