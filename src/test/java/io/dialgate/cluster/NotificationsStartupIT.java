package io.dialgate.cluster;

import io.dialgate.simulator.GenesysSimulator;
import io.dialgate.simulator.SimulatorOptions;
import io.dialgate.testing.DialgateProcess;
import io.dialgate.testing.RedisProcess;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The packaged application refuses to start when a tenant's topics cannot fit Genesys's channel limits (1,000 topics
 * per channel, 20 channels per OAuth client), and its log says why and what to change.
 */
class NotificationsStartupIT {

    private RedisProcess redis;
    private GenesysSimulator genesys;

    @BeforeEach
    void start() {
        redis = RedisProcess.start();
        genesys = GenesysSimulator.start(SimulatorOptions.builder()
                .client(ClusterTenants.CLIENT_ID, ClusterTenants.CLIENT_SECRET)
                .build());
    }

    @AfterEach
    void stop() {
        genesys.close();
        redis.close();
    }

    @Test
    void anImpossibleTopicSetFailsAtStartWithAClearMessage() throws IOException {
        // 4 dial topics + 2 per campaign (its status and its queue) = 19,004 topics: 20 channels of 1,000, one too many
        String campaigns = IntStream.range(0, 9_500).mapToObj(i -> "c" + i).collect(Collectors.joining(","));
        Path log = Files.createTempFile("dialgate-topics-", ".log");

        IllegalStateException refused = assertThrows(
                IllegalStateException.class,
                () -> DialgateProcess.launch(redis.uri(), ClusterTenants.acme(genesys, 60_000))
                        .environment(Map.of(
                                "DIALGATE_TENANTS_ACME_NOTIFICATIONS_ENABLED",
                                "true",
                                "DIALGATE_TENANTS_ACME_CAMPAIGNS",
                                campaigns))
                        .log(log)
                        .start());

        assertTrue(refused.getMessage().contains("during start-up"), refused.getMessage());
        String output = Files.readString(log);
        assertTrue(output.contains("Tenant 'acme': notifications need up to 19004 topics"), output);
        assertTrue(output.contains("9500 campaigns"), output);
        assertTrue(output.contains("Genesys allows 20 channels per OAuth client"), output);
        assertTrue(output.contains("Watch fewer campaigns"), output);
        assertTrue(genesys.notifications().sessions().isEmpty(), "no channel was opened");
    }
}
