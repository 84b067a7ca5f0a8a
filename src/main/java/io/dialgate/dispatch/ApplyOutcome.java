package io.dialgate.dispatch;

import java.time.Duration;

/** How one apply ended, in the terms complete.lua records. */
record ApplyOutcome(Kind kind, Duration delay, String errorJson, String metricLabel) {

    enum Kind {
        /** Genesys took the update. */
        APPLIED,
        /** Refused for good (a 4xx other than 401, 408, 409 and 429): a dead letter. */
        FAILED,
        /** Try again after {@code delay}: 429, 5xx, no answer, or credentials refused. */
        RETRY,
        /** 409: the contact is in use in Genesys; held until {@code delay} passes or its dial ends. */
        BUSY,
        /** Not tried (the tenant's budget, an open breaker, a pause, a shutdown): again after {@code delay}. */
        DEFER
    }

    static ApplyOutcome deferred(java.time.Duration delay) {
        return new ApplyOutcome(Kind.DEFER, delay, "", "deferred");
    }

    static ApplyOutcome applied() {
        return new ApplyOutcome(Kind.APPLIED, Duration.ZERO, "", "applied");
    }
}
