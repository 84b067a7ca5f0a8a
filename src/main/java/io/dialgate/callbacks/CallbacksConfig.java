package io.dialgate.callbacks;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/**
 * How outcome callbacks are delivered to the tenants' CRMs ({@code dialgate.callbacks.*}); tenants opt in with
 * {@code dialgate.tenants.<t>.callbacks.url}.
 */
@ConfigMapping(prefix = "dialgate.callbacks")
public interface CallbacksConfig {

    /**
     * Longest a tenant's callback worker waits before it looks for due events again; an event is sent at most this
     * long after its outcome (or its retry time).
     */
    @WithDefault("1S")
    Duration pollInterval();

    /** Callbacks one instance has in flight at once, per tenant. */
    @WithDefault("4")
    int concurrencyPerTenant();

    /** Longest a CRM may take to answer one callback; a slower answer counts as a failed attempt. */
    @WithDefault("10S")
    Duration timeout();

    /** Longest the connection to a CRM may take to open. */
    @WithDefault("5S")
    Duration connectTimeout();

    /**
     * How long a callback being sent stays leased to one instance; if that instance dies, another sends the event
     * again after this. Must exceed {@link #timeout()} plus {@link #connectTimeout()}.
     */
    @WithDefault("30S")
    Duration lease();

    /** First retry delay after a failed attempt; doubles with each attempt (with jitter). */
    @WithDefault("5S")
    Duration backoffBase();

    /** Largest retry delay, whatever the attempt count. */
    @WithDefault("1H")
    Duration backoffCap();

    /** How long callback dead letters are kept for listing and replay. */
    @WithDefault("7D")
    Duration deadLetterRetention();

    /** The circuit breaker each tenant's callbacks go through (its own, apart from the Genesys one). */
    Breaker breaker();

    /** The callback breaker's settings. */
    interface Breaker {
        /** Calls in the rolling window the breaker judges; it never opens on fewer. */
        @WithDefault("20")
        int requestVolumeThreshold();

        /** Share of failing calls (non-2xx, no answer) in the window that opens the breaker. */
        @WithDefault("0.5")
        double failureRatio();

        /** How long the breaker stays open before it lets a trial call through (half-open). */
        @WithDefault("30S")
        Duration delay();

        /** Successful trial calls that close the breaker again. */
        @WithDefault("2")
        int successThreshold();
    }
}
