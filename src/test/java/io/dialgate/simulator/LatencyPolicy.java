package io.dialgate.simulator;

import java.time.Duration;

/** Decides the added latency of each request; lets a test slow down only some calls. */
@FunctionalInterface
public interface LatencyPolicy {

    LatencyPolicy NONE = (method, path) -> Duration.ZERO;

    static LatencyPolicy fixed(Duration latency) {
        return (method, path) -> latency;
    }

    /** @param path the request path, e.g. {@code /api/v2/outbound/contactlists/L/contacts/C} */
    Duration latencyFor(String method, String path);
}
