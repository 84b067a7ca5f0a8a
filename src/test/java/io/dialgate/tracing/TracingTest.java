package io.dialgate.tracing;

import io.dialgate.simulator.Dial;
import io.dialgate.simulator.GenesysSimulator;
import io.dialgate.testing.DialgateClient;
import io.dialgate.testing.InjectSimulator;
import io.dialgate.testing.TestTenants;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.data.LinkData;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * A write's journey in one trace, across the hold: the CRM's PATCH (with the CRM's own traceparent) is held during a
 * dial, the postContact event releases it, and the apply — claim, token, GET, PUT, complete — is recorded in the
 * PATCH's trace, under its server span and linked to it. And no secret in any span.
 */
@QuarkusTest
@TestProfile(TracingTest.EverySpanRecorded.class)
class TracingTest {

    /** Records every span (the production default records none) and exports them at once. */
    public static final class EverySpanRecorded implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.otel.traces.sampler.arg", "1", "quarkus.otel.bsp.schedule.delay", "50ms");
        }
    }

    private static final String CRM_TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";
    private static final String CRM_SPAN_ID = "00f067aa0ba902b7";

    @InjectSimulator
    GenesysSimulator genesys;

    @Inject
    InMemorySpanExporter spans;

    @TestHTTPResource("/")
    URL dialgate;

    private final DialgateClient acme = DialgateClient.acme();
    private String list;
    private String contact;

    @BeforeEach
    void freshContact() {
        genesys.dialer().setEventsSink(URI.create(dialgate + acme.eventsPath().substring(1)), acme.ingestToken());
        list = TestTenants.newListId();
        contact = TestTenants.newContactId();
        genesys.contacts().put(list, contact, Map.of("phone", "+13175550100", "tier", "silver"));
    }

    @Test
    void aHeldWritesApplyIsTracedInTheTraceOfTheCrmRequestThatBroughtIt() {
        Dial dial = genesys.dialer().begin(list, contact);
        assertEquals(202, dial.outbound());
        String writeId = acme.crm()
                .header("traceparent", "00-" + CRM_TRACE_ID + "-" + CRM_SPAN_ID + "-01")
                .body("{\"data\":{\"tier\":\"gold\"}}")
                .patch("/v1/tenants/acme/contactlists/{list}/contacts/{contact}", list, contact)
                .then()
                .statusCode(202)
                .extract()
                .path("writeId");
        assertEquals("HELD", acme.state(writeId));
        assertEquals(202, dial.postContact());
        acme.awaitState(writeId, "APPLIED");

        SpanData apply = awaitSpan(s -> s.getName().equals("dialgate.apply")
                && s.getTraceId().equals(CRM_TRACE_ID)
                && "APPLIED".equals(s.getAttributes().get(TraceAttributes.OUTCOME)));
        SpanData patch = only(s -> s.getKind() == SpanKind.SERVER
                && s.getTraceId().equals(CRM_TRACE_ID)
                && s.getParentSpanId().equals(CRM_SPAN_ID));
        assertEquals(writeId, patch.getAttributes().get(TraceAttributes.WRITE_ID));
        assertEquals("HELD", patch.getAttributes().get(TraceAttributes.WRITE_STATE));

        assertEquals(patch.getSpanId(), apply.getParentSpanId(), "the apply continues the PATCH's trace");
        assertTrue(
                apply.getLinks().stream()
                        .map(LinkData::getSpanContext)
                        .map(SpanContext::getSpanId)
                        .anyMatch(patch.getSpanId()::equals),
                "the apply links to every write it carries");
        assertEquals(List.of(writeId), apply.getAttributes().get(TraceAttributes.WRITE_IDS));
        assertEquals(list, apply.getAttributes().get(TraceAttributes.CONTACT_LIST_ID));

        SpanData release = only(s -> s.getKind() == SpanKind.SERVER
                && s.getEvents().stream()
                        .anyMatch(e -> e.getName().equals("dialgate.writes.released")
                                && contact.equals(e.getAttributes().get(TraceAttributes.CONTACT_ID))));
        long releasedAt = release.getEvents().stream()
                .filter(e -> e.getName().equals("dialgate.writes.released"))
                .mapToLong(EventData::getEpochNanos)
                .findFirst()
                .orElseThrow();
        assertTrue(patch.getEndEpochNanos() < releasedAt, "held first, then released");

        List<SpanData> children = awaitChildren(apply, 4);
        List<String> steps = children.stream().map(TracingTest::step).toList();
        assertEquals("dialgate.claim", steps.get(0), steps.toString());
        assertTrue(steps.indexOf("GET") < steps.indexOf("PUT"), steps.toString());
        assertEquals("dialgate.complete", steps.get(steps.size() - 1), steps.toString());
        SpanData put = children.get(steps.indexOf("PUT"));
        assertEquals(SpanKind.CLIENT, put.getKind());
        // the span event is added once Redis answered, when the dispatcher may already be on its way: the request's
        // start is the bound
        assertTrue(put.getStartEpochNanos() >= release.getStartEpochNanos(), "nothing was sent during the dial");
    }

    @Test
    void noSecretIsInAnySpan() throws Exception {
        // Requests carrying every kind of secret: a CRM bearer token, an ingest token, a Standard Webhooks signature
        // (initech), a refused token, and the Genesys client credentials (the token call of an apply).
        String writeId = acme.accept(list, contact, "{\"data\":{\"tier\":\"gold\"}}");
        acme.awaitState(writeId, "APPLIED");
        acme.events("[]").then().statusCode(202);
        given().header("Authorization", "Bearer not-the-token")
                .get("/v1/tenants/acme/stats")
                .then()
                .statusCode(401);
        signedInitechEvent();
        awaitSpan(s -> s.getName().equals("dialgate.complete"));
        awaitSpan(s -> s.getKind() == SpanKind.SERVER && "/v1/tenants/{tenant}/events".equals(route(s)));

        Set<String> secrets = configuredSecrets();
        assertTrue(secrets.size() >= 8, "the secrets of the test tenants: " + secrets.size());
        List<String> leaks = new ArrayList<>();
        for (SpanData span : spans.getFinishedSpanItems()) {
            List<Attributes> all = new ArrayList<>();
            all.add(span.getAttributes());
            all.add(span.getResource().getAttributes());
            span.getEvents().forEach(e -> all.add(e.getAttributes()));
            span.getLinks().forEach(l -> all.add(l.getAttributes()));
            for (Attributes attributes : all) {
                attributes.forEach((key, value) -> {
                    String text = key.getKey() + "=" + value;
                    if (key.getKey().toLowerCase().contains("authorization")
                            || key.getKey().toLowerCase().contains("webhook-signature")
                            || secrets.stream().anyMatch(text::contains)) {
                        leaks.add(span.getName() + ": " + key.getKey());
                    }
                });
            }
            if (secrets.stream().anyMatch(span.getName()::contains)
                    || secrets.stream()
                            .anyMatch(s -> span.getStatus().getDescription().contains(s))) {
                leaks.add(span.getName() + ": name or status");
            }
        }
        assertTrue(spans.getFinishedSpanItems().size() > 5);
        assertEquals(List.of(), leaks, "span attributes naming a secret (only the attribute key is shown)");
    }

    private void signedInitechEvent() throws Exception {
        String body = "[]";
        String id = "msg_tracing";
        long timestamp = System.currentTimeMillis() / 1000;
        javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
        mac.init(new javax.crypto.spec.SecretKeySpec(
                TestTenants.INITECH_WEBHOOK_KEY.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        String signature = Base64.getEncoder()
                .encodeToString(mac.doFinal((id + "." + timestamp + "." + body).getBytes(StandardCharsets.UTF_8)));
        given().contentType("application/json")
                .header("webhook-id", id)
                .header("webhook-timestamp", Long.toString(timestamp))
                .header("webhook-signature", "v1," + signature)
                .body(body)
                .post("/v1/tenants/initech/events")
                .then()
                .statusCode(202);
    }

    /**
     * Every configured credential of the test tenants (client secrets, CRM and ingest tokens, webhook secrets), the
     * HTTP Basic value made from each client's id and secret, and the signature key of the webhook secrets.
     */
    private static Set<String> configuredSecrets() {
        var config = ConfigProvider.getConfig();
        Set<String> secrets = new TreeSet<>();
        for (String name : config.getPropertyNames()) {
            if (!name.startsWith("dialgate.tenants.")) {
                continue;
            }
            if (name.endsWith(".client-secret")
                    || name.endsWith(".crm-token")
                    || name.endsWith(".ingest-token")
                    || name.endsWith(".webhook-secret")) {
                for (String value : config.getValue(name, String.class).split(",")) {
                    secrets.add(value.trim());
                    if (value.trim().startsWith("whsec_")) {
                        secrets.add(value.trim().substring("whsec_".length()));
                    }
                }
            }
            if (name.endsWith(".genesys.client-secret")) {
                String tenant =
                        name.substring("dialgate.tenants.".length(), name.length() - ".genesys.client-secret".length());
                Optional<String> id =
                        config.getOptionalValue("dialgate.tenants." + tenant + ".genesys.client-id", String.class);
                id.ifPresent(clientId -> secrets.add(Base64.getEncoder()
                        .encodeToString((clientId + ":" + config.getValue(name, String.class))
                                .getBytes(StandardCharsets.UTF_8))));
            }
        }
        secrets.add(TestTenants.INITECH_WEBHOOK_KEY);
        secrets.removeIf(String::isEmpty);
        return secrets;
    }

    private static String route(SpanData span) {
        return span.getAttributes().get(io.opentelemetry.api.common.AttributeKey.stringKey("http.route"));
    }

    /** What a child of the apply did: our own span's name, or the HTTP method of a Genesys call (GET, PUT, POST). */
    private static String step(SpanData span) {
        if (span.getKind() == SpanKind.CLIENT) {
            String method =
                    span.getAttributes().get(io.opentelemetry.api.common.AttributeKey.stringKey("http.request.method"));
            return method != null ? method : span.getName();
        }
        return span.getName();
    }

    private SpanData awaitSpan(java.util.function.Predicate<SpanData> which) {
        await().atMost(Duration.ofSeconds(10))
                .until(() -> spans.getFinishedSpanItems().stream().anyMatch(which));
        return spans.getFinishedSpanItems().stream().filter(which).findFirst().orElseThrow();
    }

    private SpanData only(java.util.function.Predicate<SpanData> which) {
        List<SpanData> found =
                spans.getFinishedSpanItems().stream().filter(which).toList();
        if (found.size() != 1) {
            fail("expected one span, found " + found.size() + ": " + found);
        }
        return found.get(0);
    }

    /** The apply's children, at least {@code atLeast} of them, in start order. */
    private List<SpanData> awaitChildren(SpanData parent, int atLeast) {
        java.util.function.Supplier<List<SpanData>> children = () -> spans.getFinishedSpanItems().stream()
                .filter(s -> s.getParentSpanId().equals(parent.getSpanId()))
                .sorted(java.util.Comparator.comparingLong(SpanData::getStartEpochNanos))
                .toList();
        await().atMost(Duration.ofSeconds(5)).until(() -> children.get().size() >= atLeast);
        return children.get();
    }
}
