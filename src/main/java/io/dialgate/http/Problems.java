package io.dialgate.http;

import io.dialgate.failure.DomainException;

/** The problems dialgate answers with, by status; and the one place a domain refusal becomes a status. */
public final class Problems {

    private Problems() {}

    public static ProblemException badRequest(String detail) {
        return new ProblemException(Problem.of(400, "Bad Request", detail), null);
    }

    public static ProblemException tooLarge(String detail) {
        return new ProblemException(Problem.of(413, "Content Too Large", detail), null);
    }

    /** The problem a domain refusal is answered with: the status and title of its kind, its detail. */
    public static Problem of(DomainException refusal) {
        return switch (refusal.kind()) {
            case INVALID_INPUT -> Problem.of(400, "Bad Request", refusal.detail());
            case UNAUTHENTICATED -> Problem.of(401, "Unauthorized", refusal.detail());
            case NOT_FOUND -> Problem.of(404, "Not Found", refusal.detail());
            case CONFLICT -> Problem.of(409, "Conflict", refusal.detail());
            case CONTRADICTS_EARLIER -> Problem.of(422, "Unprocessable Content", refusal.detail());
            case OVER_CAPACITY -> Problem.of(429, "Too Many Requests", refusal.detail());
            case UNAVAILABLE -> Problem.of(503, "Service Unavailable", refusal.detail());
        };
    }
}
