package io.dialgate.simulator;

import org.junit.jupiter.api.Test;

import java.net.URI;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SimulatorOptionsTest {

    @Test
    void toStringShowsNoSecrets() {
        // given
        SimulatorOptions options = SimulatorOptions.builder()
                .client("crm", "s3cr3t-value")
                .eventsSink(URI.create("http://localhost:8081/v1/tenants/a/events"), "ingest-t0ken")
                .build();

        // when
        String text = options.toString();

        // then
        assertTrue(text.contains("crm"));
        assertFalse(text.contains("s3cr3t-value"));
        assertFalse(text.contains("ingest-t0ken"));
    }

    @Test
    void defaultsMatchGenesys() {
        // when
        SimulatorOptions options = SimulatorOptions.defaults();

        // then
        assertEquals(0, options.port());
        assertEquals(300, options.requestsPerMinute());
        assertEquals(86_399, options.tokenTtlSeconds());
        assertEquals(EnvelopeStyle.GENESYS_NOTIFICATION, options.envelopeStyle());
        assertEquals(SimulatorOptions.DEFAULT_CLIENT_SECRET, options.clientSecret(SimulatorOptions.DEFAULT_CLIENT_ID));
    }
}
