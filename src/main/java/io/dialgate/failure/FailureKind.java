package io.dialgate.failure;

/**
 * What kind of refusal a {@link DomainException} is, in the domain's words. The HTTP edge (package {@code http})
 * decides how each kind is answered; domain code never names a status.
 */
public enum FailureKind {

    /** The caller sent something malformed or out of range; the same request will always be refused. */
    INVALID_INPUT,

    /** The caller did not prove who it is (no credentials, wrong ones, or an unknown tenant: they look the same). */
    UNAUTHENTICATED,

    /** The thing asked about does not exist (or no longer does). */
    NOT_FOUND,

    /** The request is valid but the current state forbids it; it may succeed later or after something changes. */
    CONFLICT,

    /** The request contradicts an earlier one that claimed the same identity (an Idempotency-Key reused). */
    CONTRADICTS_EARLIER,

    /** Too much is waiting already (a quota); nothing happened, and the same request will succeed once it drains. */
    OVER_CAPACITY,

    /** Something dialgate depends on did not answer; nothing happened, and the same request may succeed later. */
    UNAVAILABLE
}
