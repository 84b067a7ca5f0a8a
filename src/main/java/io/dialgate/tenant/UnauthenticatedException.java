package io.dialgate.tenant;

import io.dialgate.failure.DomainException;
import io.dialgate.failure.FailureKind;

/** A request without valid credentials for the tenant it names; an unknown tenant is refused the same way. */
public class UnauthenticatedException extends DomainException {

    UnauthenticatedException(String detail) {
        super(FailureKind.UNAUTHENTICATED, detail);
    }
}
