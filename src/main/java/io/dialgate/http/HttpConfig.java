package io.dialgate.http;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Limits of every request dialgate reads ({@code dialgate.http.*}). */
@ConfigMapping(prefix = "dialgate.http")
public interface HttpConfig {

    /**
     * Largest request body accepted, in bytes, on every endpoint (events and CRM writes); a larger body is refused
     * with 413. Formerly {@code dialgate.ingest.max-body-bytes}, which is still honoured.
     */
    @WithDefault("1048576")
    int maxBodyBytes();
}
