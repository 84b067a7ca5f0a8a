package io.dialgate.events;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Limits of the events endpoint ({@code dialgate.ingest.*}). */
@ConfigMapping(prefix = "dialgate.ingest")
public interface IngestConfig {

    /** Most events accepted in one JSON array. */
    @WithDefault("1000")
    int maxBatchEvents();
}
