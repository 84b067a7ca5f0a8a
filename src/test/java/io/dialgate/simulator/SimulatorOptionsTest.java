package io.dialgate.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SimulatorOptionsTest {

    @AfterEach
    void clearProperty() {
        System.clearProperty(SimulatorOptions.SPEC_DIR_PROPERTY);
    }

    @Test
    void specDirDefaultsToSharedFolderNextToTheWorkingDirectory() {
        // when
        Path dir = SimulatorOptions.defaultSpecDir();

        // then
        assertEquals(Path.of("").toAbsolutePath().getParent().resolve("shared/genesys-spec"), dir);
    }

    @Test
    void specDirSystemPropertyWins() {
        // given
        System.setProperty(SimulatorOptions.SPEC_DIR_PROPERTY, "/opt/genesys-spec");

        // when
        Path dir = SimulatorOptions.builder().build().specDir();

        // then
        assertEquals(Path.of("/opt/genesys-spec"), dir);
    }

    @Test
    void startFailsClearlyWhenTheSpecIsMissing() {
        // given
        SimulatorOptions options = SimulatorOptions.builder().specDir(Path.of("/nonexistent/spec")).build();

        // when
        UncheckedIOException failure = assertThrows(UncheckedIOException.class, () -> GenesysSimulator.start(options));

        // then
        assertTrue(failure.getMessage().contains("/nonexistent/spec/openapi-outbound-subset.sdk-reconstructed.json"));
    }

    @Test
    void toStringShowsNoSecrets() {
        // given
        SimulatorOptions options = SimulatorOptions.builder().client("crm", "s3cr3t-value")
                .eventsSink(URI.create("http://localhost:8081/v1/tenants/a/events"), "ingest-t0ken").build();

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
