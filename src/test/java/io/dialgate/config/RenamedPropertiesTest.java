package io.dialgate.config;

import io.dialgate.dispatch.DispatchConfig;
import io.dialgate.events.IngestConfig;
import io.dialgate.http.HttpConfig;
import io.dialgate.state.DialStateConfig;
import io.dialgate.tenant.TenantsConfig;
import io.dialgate.writes.WritesConfig;
import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A deployment that sets a property under its former name keeps its value (and is not refused as setting an unknown
 * property); the current name wins over it.
 */
class RenamedPropertiesTest {

    private static SmallRyeConfig config(Map<String, String> properties) {
        return new SmallRyeConfigBuilder()
                .withSources(new PropertiesConfigSource(properties, "test", 250))
                .withConverter(Duration.class, 100, new DurationConverter()) // "7D", "24H" as Quarkus reads them
                .addDefaultInterceptors()
                .addDiscoveredInterceptors() // RenamedProperties, through META-INF/services, as Quarkus finds it
                .withMapping(WritesConfig.class)
                .withMapping(DialStateConfig.class)
                .withMapping(HttpConfig.class)
                // the groups the former names were in; with unknown properties refused, as Quarkus does
                .withMapping(DispatchConfig.class)
                .withMapping(IngestConfig.class)
                .withMapping(TenantsConfig.class)
                .withValidateUnknown(true)
                .build();
    }

    @Test
    void formerNamesAreHonoured() {
        SmallRyeConfig config = config(Map.of(
                "dialgate.dispatch.write-retention", "2D",
                "dialgate.dispatch.finished-dial-memory", "10M",
                "dialgate.ingest.max-body-bytes", "2048"));
        assertEquals(
                Duration.ofDays(2), config.getConfigMapping(WritesConfig.class).retention());
        assertEquals(
                Duration.ofMinutes(10),
                config.getConfigMapping(DialStateConfig.class).finishedDialMemory());
        assertEquals(2048, config.getConfigMapping(HttpConfig.class).maxBodyBytes());
    }

    @Test
    void defaultsHoldWhenNeitherNameIsSet() {
        SmallRyeConfig config = config(Map.of());
        assertEquals(
                Duration.ofDays(7), config.getConfigMapping(WritesConfig.class).retention());
        assertEquals(
                Duration.ofHours(1),
                config.getConfigMapping(DialStateConfig.class).finishedDialMemory());
        assertEquals(1_048_576, config.getConfigMapping(HttpConfig.class).maxBodyBytes());
    }

    @Test
    void theCurrentNameWinsOverTheFormerOne() {
        SmallRyeConfig config = config(Map.of(
                "dialgate.writes.retention", "3D",
                "dialgate.dispatch.write-retention", "2D"));
        assertEquals(
                Duration.ofDays(3), config.getConfigMapping(WritesConfig.class).retention());
    }
}
