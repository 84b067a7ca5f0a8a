package io.dialgate.it;

import io.dialgate.testing.LoopbackPorts;
import io.dialgate.testing.ManagementInterface;
import io.dialgate.testing.PrivateConfigFile;
import io.dialgate.testing.TestTenants;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The configuration the packaged application needs in the {@code *IT} suite. A {@code @QuarkusIntegrationTest} starts
 * the jar (or the native executable) in the prod profile with its packaged application.properties only:
 * src/test/resources/application.properties is not read there. So the tenants of {@link TestTenants} and timings
 * short enough for a test are handed to it from here, next to Redis ({@code RedisTestResource}) and the simulator's
 * URLs ({@code GenesysSimulatorTestResource}). Every tenant the simulator resource names ({@link TestTenants#ALL}) must
 * be complete here, or the application refuses to start.
 */
public class ItTenantsResource implements QuarkusTestResourceLifecycleManager {

    /** initech's events are signed with this Standard Webhooks secret instead of carrying a bearer token. */
    static final String INITECH_WEBHOOK_SECRET = "whsec_"
            + Base64.getEncoder().encodeToString(TestTenants.INITECH_WEBHOOK_KEY.getBytes(StandardCharsets.UTF_8));

    /**
     * The tenants' credentials go to the application in a {@link PrivateConfigFile}: the integration-test launcher
     * prints the command line it starts the application with, and a secret must never appear in test output.
     */
    private static final Path CREDENTIALS = Path.of("target", "it-tenants.properties");

    @Override
    public Map<String, String> start() {
        Map<String, String> config = new HashMap<>();
        Map<String, String> credentials = new HashMap<>();
        for (String tenant : TestTenants.ALL) {
            String prefix = "dialgate.tenants." + tenant + ".";
            config.put(prefix + "genesys.client-id", clientId(tenant));
            credentials.put(prefix + "genesys.client-secret", TestTenants.CLIENTS.get(clientId(tenant)));
            config.put(prefix + "genesys.requests-per-minute", "60000");
            credentials.put(prefix + "crm-token", tenant + "-crm-token");
            if (tenant.equals(TestTenants.INITECH)) {
                credentials.put(prefix + "webhook-secret", INITECH_WEBHOOK_SECRET);
            } else {
                credentials.put(prefix + "ingest-token", tenant + "-ingest-token");
            }
        }
        config.put(
                "quarkus.config.locations",
                PrivateConfigFile.write(
                        CREDENTIALS,
                        credentials,
                        "test tenants' credentials for the *IT suite (written by ItTenantsResource)"));
        // The lease keeps its default (30 s): the first apply of a cold JVM on a busy machine can take seconds, and a
        // short lease would be reclaimed mid-apply. No IT waits for a lease to expire.
        config.put("dialgate.dispatch.idle-check", "500MS");
        config.put("dialgate.dispatch.backoff-base", "100MS");
        config.put("dialgate.dispatch.busy-backoff-cap", "1S");
        config.put("dialgate.dispatch.error-backoff-cap", "2S");
        config.put("dialgate.dispatch.shutdown-drain", "2S");
        // Health and metrics listen on the management interface: a free port, never the fixed 9000 a parallel run
        // on this machine may hold.
        int managementPort = LoopbackPorts.free();
        config.put("quarkus.management.port", Integer.toString(managementPort));
        System.setProperty(ManagementInterface.PORT_PROPERTY, Integer.toString(managementPort));
        return config;
    }

    /** Every secret handed to the application: none of them may ever show up in what it exposes. */
    static List<String> secrets() {
        List<String> secrets = new ArrayList<>(TestTenants.CLIENTS.values());
        for (String tenant : TestTenants.ALL) {
            secrets.add(tenant + "-crm-token");
            secrets.add(tenant + "-ingest-token");
        }
        secrets.add(TestTenants.INITECH_WEBHOOK_KEY);
        secrets.add(INITECH_WEBHOOK_SECRET);
        return secrets;
    }

    private static String clientId(String tenant) {
        return tenant + "-client";
    }

    @Override
    public void stop() {
        // nothing was started
    }
}
