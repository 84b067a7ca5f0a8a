package io.dialgate.cluster;

import io.dialgate.simulator.GenesysSimulator;
import io.dialgate.simulator.SimulatorOptions;
import io.dialgate.testing.DialgateProcess.TenantSetup;

import java.time.Duration;
import java.util.Map;

/** How a dialgate pod is configured for the cluster tests: one tenant, the simulator as its Genesys. */
final class ClusterTenants {

    static final String TENANT = "acme";
    static final String CLIENT_ID = "cluster-client";
    static final String CLIENT_SECRET = "cluster-client-secret-value";
    static final String CRM_TOKEN = "cluster-crm-token";

    /** Retry timings short enough for a test. */
    static final Map<String, String> DISPATCH = Map.of(
            "DIALGATE_DISPATCH_BACKOFF_BASE", "100MS",
            "DIALGATE_DISPATCH_IDLE_CHECK", "500MS");

    private ClusterTenants() {}

    /** The simulator the pods share, knowing the cluster tests' OAuth client, with no budget to speak of. */
    static GenesysSimulator simulator() {
        return GenesysSimulator.start(SimulatorOptions.builder()
                .client(CLIENT_ID, CLIENT_SECRET)
                .requestsPerMinute(1_000_000)
                .build());
    }

    static TenantSetup acme(GenesysSimulator genesys, int requestsPerMinute) {
        return new TenantSetup(
                TENANT,
                genesys.baseUrl(),
                CLIENT_ID,
                CLIENT_SECRET,
                requestsPerMinute,
                "cluster-ingest-token",
                CRM_TOKEN,
                Duration.ofMinutes(30));
    }
}
