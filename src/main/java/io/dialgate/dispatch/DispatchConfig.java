package io.dialgate.dispatch;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** How ready writes are claimed and applied ({@code dialgate.dispatch.*}). */
@ConfigMapping(prefix = "dialgate.dispatch")
public interface DispatchConfig {

    /**
     * How long a claimed write stays leased to one instance. An instance that dies holding a lease loses it after
     * this long and another instance applies the write. Must exceed the Genesys call timeouts combined.
     */
    @WithDefault("30S")
    Duration lease();

    /**
     * Longest one apply of a contact may run. Its lease is renewed every third of {@link #lease()} while it runs; past
     * this no further Genesys call is made and its writes are deferred. A PUT already sent still runs to its answer
     * or its timeout, its lease held meanwhile.
     */
    @WithDefault("60S")
    Duration applyDeadline();

    /**
     * Longest a write may wait to be applied. An apply that does not succeed once its oldest write is this old ends
     * its writes FAILED with reason {@code expired}: dead letters, which can be retried. Keep it below
     * {@code dialgate.writes.retention}.
     */
    @WithDefault("24H")
    Duration maxWriteAge();

    /** Contacts one instance applies at the same time, per tenant (at most; the workers are shared). */
    @WithDefault("8")
    int concurrencyPerTenant();

    /**
     * Apply threads of this instance, shared by all its tenants: how many contacts it applies at the same time, all
     * tenants together. Fixed, whatever the number of tenants; a tenant's turn claims no more than the free workers,
     * so a claimed contact never waits for a thread while its lease runs.
     */
    @WithDefault("32")
    int workers();

    /**
     * Dispatch threads of this instance: claim rounds run side by side for this many tenants at once (never two for
     * one tenant), so one slow Redis round trip does not hold back every other tenant's claim. Fixed, whatever the
     * number of tenants.
     */
    @WithDefault("4")
    int claimers();

    /**
     * The backstop for a lost wake-up: every idle check the instance claims for one tenant, each in turn. A tenant is
     * otherwise claimed for only when woken (a release, a write, an apply ending — locally and through Redis pub/sub)
     * or when its next contact, held dial or lease falls due, so this costs one claim per idle check whatever the
     * number of tenants.
     */
    @WithDefault("2S")
    Duration idleCheck();

    /** First retry delay after a 409 or a 5xx; doubles with each attempt (with jitter). */
    @WithDefault("500MS")
    Duration backoffBase();

    /** Largest retry delay after a 409 (contact busy), whatever the attempt count. */
    @WithDefault("30S")
    Duration busyBackoffCap();

    /** Largest retry delay after a 5xx, timeout or connection failure. */
    @WithDefault("60S")
    Duration errorBackoffCap();

    /**
     * On shutdown, how long applies already in flight may take to finish before the instance exits; keep it
     * below the pod's termination grace period.
     */
    @WithDefault("15S")
    Duration shutdownDrain();
}
