package io.dialgate.failure;

import java.time.Duration;
import java.util.Optional;

/**
 * A request refused by the domain: invalid input, unknown caller, a conflict with the current state, a dependency
 * down. It carries what the caller should be told and a {@link FailureKind}, never a transport status: the HTTP edge
 * maps kinds to responses in one place. Thrown before anything of the request is stored.
 */
public abstract class DomainException extends RuntimeException {

    private final FailureKind kind;

    protected DomainException(FailureKind kind, String message) {
        this(kind, message, null);
    }

    protected DomainException(FailureKind kind, String message, Throwable cause) {
        // No stack trace for a refusal of the caller's input: it is expected and carries no diagnostic value.
        super(message, cause, false, cause != null);
        this.kind = kind;
    }

    public FailureKind kind() {
        return kind;
    }

    /** What the caller is told; by default the message, which then must hold nothing internal. */
    public String detail() {
        return getMessage();
    }

    /** When trying the same request again may succeed, if that is known. */
    public Optional<Duration> retryAfter() {
        return Optional.empty();
    }
}
