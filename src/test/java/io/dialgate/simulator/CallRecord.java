package io.dialgate.simulator;

import java.time.Instant;

/** The dialer's last attempt on one phone column ({@code CallRecord} of the spec). */
public record CallRecord(Instant lastAttempt, String lastResult) {}
