package io.dialgate.writes;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** How CRM writes are accepted and how long they are remembered ({@code dialgate.writes.*}). */
@ConfigMapping(prefix = "dialgate.writes")
public interface WritesConfig {

    /** How long an Idempotency-Key is remembered per tenant. */
    @WithDefault("24H")
    Duration idempotencyRetention();

    /** Most writes in one batch request. */
    @WithDefault("1000")
    int maxBatchWrites();

    /**
     * How long write status records (and dead letters) are kept after they are accepted. Formerly
     * {@code dialgate.dispatch.write-retention}, which is still honoured.
     */
    @WithDefault("7D")
    Duration retention();
}
