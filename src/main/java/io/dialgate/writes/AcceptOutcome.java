package io.dialgate.writes;

/** What became of a write request: accepted now, a replay of an earlier one (same Idempotency-Key), or a conflict. */
record AcceptOutcome(Kind kind, AcceptedWrite write) {

    enum Kind {
        ACCEPTED,
        /** The same Idempotency-Key with the same request: the original write, nothing stored again. */
        REPLAYED,
        /** The same Idempotency-Key with a different request: refused, nothing stored. */
        CONFLICT
    }
}
