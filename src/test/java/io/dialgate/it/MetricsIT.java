package io.dialgate.it;

import io.dialgate.metrics.Metric;
import io.dialgate.simulator.GenesysSimulator;
import io.dialgate.testing.DialgateClient;
import io.dialgate.testing.GenesysEvents;
import io.dialgate.testing.InjectSimulator;
import io.dialgate.testing.ManagementInterface;
import io.dialgate.testing.TestTenants;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * {@code /q/metrics} of the packaged application: dialgate's counters per tenant, every metric of the catalogue, and
 * never a secret.
 */
@QuarkusIntegrationTest
@WithTestResource(value = ItTenantsResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class MetricsIT {

    private static final Map<String, String> ACME_PRE_CONTACT_APPLIED =
            Map.of("tenant", "acme", "topic", "voice.preContact", "outcome", "applied");
    private static final Map<String, String> ACME = Map.of("tenant", "acme");
    private static final Map<String, String> ACME_QUEUED = Map.of("tenant", "acme", "state", "QUEUED");

    @InjectSimulator
    GenesysSimulator genesys;

    private final DialgateClient acme = DialgateClient.acme();

    @Test
    void anEventAndAWriteAreCountedUnderTheirTenant() {
        String before = metrics();
        String list = TestTenants.newListId();
        String dialled = TestTenants.newContactId();
        String idle = TestTenants.newContactId();
        genesys.contacts().put(list, idle, Map.of("tier", "silver"));

        acme.events(GenesysEvents.preContact(list, dialled, UUID.randomUUID().toString(), System.currentTimeMillis())
                        .toString())
                .then()
                .statusCode(202);
        String writeId = acme.accept(list, idle, "{\"data\":{\"tier\":\"gold\"}}");
        await().atMost(Duration.ofSeconds(20)).until(() -> acme.state(writeId).equals("APPLIED"));

        String after = metrics();
        assertEquals(1.0, increase(before, after, "dialgate_events_total", ACME_PRE_CONTACT_APPLIED));
        assertEquals(1.0, increase(before, after, "dialgate_writes_accepted_total", ACME_QUEUED));
    }

    /** The catalogue is what dashboards and alerts are checked against: it must be what the application emits. */
    @Test
    void everyCatalogueMetricIsEmittedForTheTenantAfterAnEventAndAnAppliedWrite() {
        String list = TestTenants.newListId();
        String contact = TestTenants.newContactId();
        genesys.contacts().put(list, contact, Map.of("tier", "silver"));
        acme.events(GenesysEvents.preContact(
                                list,
                                TestTenants.newContactId(),
                                UUID.randomUUID().toString(),
                                System.currentTimeMillis())
                        .toString())
                .then()
                .statusCode(202);
        String writeId = acme.accept(list, contact, "{\"data\":{\"tier\":\"gold\"}}");
        await().atMost(Duration.ofSeconds(20)).until(() -> acme.state(writeId).equals("APPLIED"));

        String text = metrics();

        Set<String> missing = new TreeSet<>();
        for (Metric metric : Metric.values()) {
            if (metric.emission() == Metric.Emission.ALWAYS) {
                metric.prometheusSeries().stream()
                        .filter(series -> !PrometheusText.has(text, series, ACME))
                        .forEach(missing::add);
            }
        }
        assertEquals(Set.of(), missing, "catalogue series /q/metrics does not carry for tenant acme");
    }

    @Test
    void noTokenOrClientSecretAppearsInTheMetrics() {
        String list = TestTenants.newListId();
        String contact = TestTenants.newContactId();
        genesys.contacts().put(list, contact, Map.of("tier", "silver"));
        String writeId = acme.accept(list, contact, "{\"data\":{\"tier\":\"gold\"}}");
        acme.events("[]").then().statusCode(202);
        await().atMost(Duration.ofSeconds(20)).until(() -> acme.state(writeId).equals("APPLIED"));

        String text = metrics();

        for (String secret : ItTenantsResource.secrets()) {
            assertFalse(text.contains(secret), "a configured secret appears in /q/metrics");
        }
    }

    private static String metrics() {
        return ManagementInterface.metrics();
    }

    private static double increase(String before, String after, String name, Map<String, String> labels) {
        return PrometheusText.sum(after, name, labels) - PrometheusText.sum(before, name, labels);
    }
}
