package io.dialgate.testing;

import io.dialgate.simulator.GenesysSimulator;
import io.dialgate.simulator.SimulatorOptions;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.HashMap;
import java.util.Map;

/**
 * Starts the Genesys simulator for the Quarkus tests, with one OAuth client per test tenant, and points both tenants'
 * {@code genesys.api-url} and {@code genesys.login-url} at it. Its rate limit starts out of the way; tests that
 * exercise it set their own.
 */
public class GenesysSimulatorTestResource implements QuarkusTestResourceLifecycleManager {

    public static final int UNLIMITED = 1_000_000;

    private GenesysSimulator simulator;

    @Override
    public Map<String, String> start() {
        simulator = GenesysSimulator.start(SimulatorOptions.builder()
                .clients(TestTenants.CLIENTS)
                .requestsPerMinute(UNLIMITED)
                .build());
        Map<String, String> config = new HashMap<>();
        for (String tenant : TestTenants.ALL) {
            config.put("dialgate.tenants." + tenant + ".genesys.api-url", simulator.baseUrl());
            config.put("dialgate.tenants." + tenant + ".genesys.login-url", simulator.baseUrl());
        }
        return config;
    }

    @Override
    public void inject(TestInjector injector) {
        injector.injectIntoFields(
                simulator, new TestInjector.AnnotatedAndMatchesType(InjectSimulator.class, GenesysSimulator.class));
    }

    @Override
    public void stop() {
        if (simulator != null) {
            simulator.close();
        }
    }
}
