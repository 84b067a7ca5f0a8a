package io.dialgate.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MetricCatalogueTest {

    /** A meter made without the catalogue: a builder, or a registry shortcut given a name. */
    private static final Pattern UNCATALOGUED_METER = Pattern.compile(
            "\\b(Gauge|Counter|Timer|DistributionSummary|LongTaskTimer|FunctionCounter|FunctionTimer|TimeGauge)"
                    + "\\.builder\\(|\\.(counter|gauge|timer|summary|gaugeCollectionSize|gaugeMapSize)\\(\\s*\"");

    private static final Path MAIN = Path.of("src/main/java");
    private static final Path CATALOGUE = MAIN.resolve("io/dialgate/metrics");

    @Test
    void givenTheCatalogue_whenNamed_thenEachMetricHasOneNameAndPrometheusSeriesOfItsType() {
        assertEquals(
                Metric.values().length,
                Arrays.stream(Metric.values()).map(Metric::meterName).distinct().count());
        for (Metric metric : Metric.values()) {
            assertTrue(metric.meterName().matches("dialgate(\\.[a-z]+)+"), metric.meterName());
            // Per tenant, but for what is a fact of the pod's Redis (one series per pod).
            assertTrue(
                    metric.tagKeys().contains("tenant") || metric == Metric.REDIS_WITHOUT_PERSISTENCE,
                    metric + " is per tenant");
            assertTrue(!metric.description().isBlank(), metric + " description");
        }
        assertEquals("dialgate_events_total", Metric.EVENTS.prometheusName());
        assertEquals("dialgate_writes_oldest_held_seconds", Metric.WRITES_OLDEST_HELD.prometheusName());
        assertEquals(
                Set.of(
                        "dialgate_ingest_seconds_bucket",
                        "dialgate_ingest_seconds_count",
                        "dialgate_ingest_seconds_sum",
                        "dialgate_ingest_seconds_max"),
                Metric.INGEST.prometheusSeries());
    }

    @Test
    void givenASeriesName_whenLookedUp_thenItsMetricIsFoundWithPrometheusSuffixesAndWithoutThemNothing() {
        assertEquals(Optional.of(Metric.INGEST), Metric.ofSeries("dialgate_ingest_seconds_bucket"));
        assertEquals(Optional.of(Metric.DIAL_TRANSITIONS), Metric.ofSeries("dialgate_dial_transitions_total"));
        assertEquals(Optional.of(Metric.TENANT_UNAUTHORIZED), Metric.ofSeries("dialgate_tenant_unauthorized"));
        assertEquals(Optional.empty(), Metric.ofSeries("dialgate_dial_transitions"));
        assertEquals(Optional.empty(), Metric.ofSeries("dialgate_circuit_open_total"));
    }

    @Test
    void givenACounterFamily_whenTheSameTagsCountAgain_thenTheOneCounterRegisteredFirstIsReused() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        CounterFamily accepted = Metric.WRITES_ACCEPTED.counters(registry);

        Counter first = accepted.with("acme", "HELD");
        first.increment();
        accepted.with("acme", "HELD").increment();
        accepted.with("acme", "QUEUED").increment();

        assertSame(first, accepted.with("acme", "HELD"));
        assertEquals(
                2.0,
                registry.get("dialgate.writes.accepted")
                        .tags("tenant", "acme", "state", "HELD")
                        .counter()
                        .count());
        assertEquals(2, registry.find("dialgate.writes.accepted").counters().size());
        assertEquals(Metric.WRITES_ACCEPTED.description(), first.getId().getDescription());
    }

    @Test
    void givenTagValues_whenTheirCountDiffersFromTheKeys_thenNoMeterIsMade() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();

        assertThrows(
                IllegalArgumentException.class,
                () -> Metric.APPLIES.counters(registry).with("acme"));
        assertThrows(
                IllegalArgumentException.class,
                () -> Metric.CIRCUIT_OPEN.gauge(registry, new AtomicInteger(), AtomicInteger::get, "acme", "x"));
        assertTrue(registry.getMeters().isEmpty());
    }

    @Test
    void givenAMetricOfOneType_whenUsedAsAnother_thenItIsRefused() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();

        assertThrows(IllegalStateException.class, () -> Metric.CIRCUIT_OPEN.counters(registry));
        assertThrows(IllegalStateException.class, () -> Metric.EVENTS.timers(registry));
        assertThrows(
                IllegalStateException.class,
                () -> Metric.INGEST.gauge(registry, new AtomicInteger(), AtomicInteger::get, "acme"));
    }

    @Test
    void givenAGauge_whenRegistered_thenItReadsItsStateUnderTheCatalogueTags() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        AtomicInteger open = new AtomicInteger(1);

        Gauge gauge = Metric.CIRCUIT_OPEN.gauge(registry, open, AtomicInteger::get, "acme");

        assertEquals(List.of(Tag.of("tenant", "acme")), gauge.getId().getTags());
        assertEquals(Meter.Type.GAUGE, gauge.getId().getType());
        assertEquals(1.0, registry.get("dialgate.circuit.open").gauge().value());
    }

    @Test
    void givenMainCode_whenScanned_thenEveryMeterIsMadeThroughTheCatalogue() throws IOException {
        Map<String, String> offenders = new TreeMap<>();
        try (Stream<Path> files = Files.walk(MAIN)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java") && !f.startsWith(CATALOGUE))
                    .toList()) {
                Matcher m = UNCATALOGUED_METER.matcher(Files.readString(file));
                if (m.find()) {
                    offenders.put(MAIN.relativize(file).toString(), m.group());
                }
            }
        }
        assertEquals(Map.of(), offenders);
        assertTrue(UNCATALOGUED_METER
                .matcher("metrics.counter(\"dialgate.x\", \"tenant\", t)")
                .find());
        assertTrue(UNCATALOGUED_METER.matcher("Gauge.builder(name, s, f)").find());
        assertTrue(!UNCATALOGUED_METER
                .matcher("Metric.CIRCUIT_OPEN.gauge(metrics, c, f, tenant)")
                .find());
    }

    @Test
    void givenEmissions_whenListed_thenOnlyTheSocketRedisPersistenceAndTheCallbacksAreNotAlwaysThere() {
        assertEquals(
                List.of(
                        Metric.NOTIFICATIONS_SOCKET_CONNECTED,
                        Metric.REDIS_WITHOUT_PERSISTENCE,
                        Metric.CALLBACKS_SENT,
                        Metric.CALLBACKS_FAILED,
                        Metric.CALLBACKS_DEAD_LETTERED,
                        Metric.CALLBACKS_QUEUED,
                        Metric.CALLBACKS_CIRCUIT_OPEN),
                Arrays.stream(Metric.values())
                        .filter(m -> m.emission() != Metric.Emission.ALWAYS)
                        .collect(Collectors.toList()));
    }
}
