package io.dialgate.genesys;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** The circuit breaker each tenant's Genesys calls go through ({@code dialgate.breaker.*}). */
@ConfigMapping(prefix = "dialgate.breaker")
public interface BreakerConfig {

    /** Calls in the rolling window the breaker judges; it never opens on fewer. */
    @WithDefault("20")
    int requestVolumeThreshold();

    /** Share of failing calls (5xx, no answer) in the window that opens the breaker. */
    @WithDefault("0.5")
    double failureRatio();

    /** How long the breaker stays open before it lets a trial call through (half-open). */
    @WithDefault("30S")
    Duration delay();

    /** Successful trial calls that close the breaker again. */
    @WithDefault("2")
    int successThreshold();
}
