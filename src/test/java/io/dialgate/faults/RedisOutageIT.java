package io.dialgate.faults;

import io.dialgate.simulator.GenesysSimulator;
import io.dialgate.simulator.SimulatorOptions;
import io.dialgate.testing.DialgateProcess;
import io.dialgate.testing.RedisProcess;
import io.dialgate.testing.TestTenants;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Redis unreachable (a {@link CuttableTcpProxy} between dialgate and Redis cut or silent, Redis itself running on) and
 * back: the promise of scenario 3 on one instance, without the load, so that it pins dialgate's own behaviour. While
 * Redis is away a write is refused with 503 and {@code Retry-After} quickly (dialgate knows Redis is away: it does not
 * wait out the Redis timeout on every request), readiness is down; once Redis answers again dialgate is ready within
 * 5 s and applies a new write.
 */
class RedisOutageIT {

    /** Issue 10, scenario 3. */
    private static final Duration READY_AGAIN = Duration.ofSeconds(5);
    /** Far below {@code quarkus.redis.timeout} (5 s): a refusal must not wait for Redis. */
    private static final Duration FAST_REFUSAL = Duration.ofMillis(1_500);

    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2))
            .build();

    @Test
    void connectionsReset() throws Exception {
        refusesFastWhileRedisIsAwayAndIsReadyWithinFiveSecondsOfItsReturn(CuttableTcpProxy::cut, false);
    }

    /**
     * Nothing answers: the first call waits out quarkus.redis.timeout, the next ones must not. The first was sent and
     * reaches Redis once the network heals, so its 503 must not claim that nothing was stored.
     */
    @Test
    void networkSilent() throws Exception {
        refusesFastWhileRedisIsAwayAndIsReadyWithinFiveSecondsOfItsReturn(CuttableTcpProxy::silence, true);
    }

    private void refusesFastWhileRedisIsAwayAndIsReadyWithinFiveSecondsOfItsReturn(
            java.util.function.Consumer<CuttableTcpProxy> outage, boolean firstWasSent) throws Exception {
        String list = TestTenants.newListId();
        String contact = TestTenants.newContactId();
        try (RedisProcess redis = RedisProcess.start();
                CuttableTcpProxy proxy = new CuttableTcpProxy(redis.port());
                GenesysSimulator genesys = GenesysSimulator.start(SimulatorOptions.builder()
                        .client(TestTenants.ACME_CLIENT_ID, TestTenants.ACME_CLIENT_SECRET)
                        .build());
                DialgateProcess dialgate = DialgateProcess.launch(proxy.uri(), List.of(acme(genesys)))
                        .jvmOptions("-Xmx256m")
                        .readyTimeout(Duration.ofMinutes(3))
                        .start()) {
            genesys.contacts().put(list, contact, Map.of("v", "0"));
            WriteStatuses api = new WriteStatuses(TestTenants.ACME, TestTenants.ACME_CRM_TOKEN);
            String before = api.write(dialgate.baseUrl(), list, contact, "{\"v\":\"1\"}")
                    .orElseThrow(() -> new AssertionError("a write before the outage was not accepted"));
            awaitApplied(api, dialgate, before, Duration.ofSeconds(60));

            outage.accept(proxy);
            // the first call to meet the outage may wait for Redis up to quarkus.redis.timeout (5 s)
            HttpResponse<String> first = patch(dialgate, list, contact, "{\"data\":{\"v\":\"first\"}}");
            assertEquals(503, first.statusCode(), () -> "first call in the outage: " + first.body());
            if (firstWasSent) {
                assertTrue(
                        first.body().contains("may or may not have been stored"),
                        () -> "a write sent into the cut answered as if surely not stored: " + first.body());
            }
            awaitNotReady(dialgate, Duration.ofSeconds(30));
            List<String> refusals = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                long start = System.nanoTime();
                HttpResponse<String> answer = patch(dialgate, list, contact, "{\"data\":{\"v\":\"lost\"}}");
                Duration took = Duration.ofNanos(System.nanoTime() - start);
                refusals.add(answer.statusCode() + " Retry-After="
                        + answer.headers().firstValue("Retry-After").orElse("none") + " in " + took.toMillis()
                        + " ms");
                assertEquals(503, answer.statusCode(), () -> "while Redis is away: " + refusals);
                assertTrue(answer.headers().firstValue("Retry-After").isPresent(), () -> "no Retry-After: " + refusals);
                assertTrue(
                        answer.body().contains("nothing was stored"),
                        () -> "a write refused unsent must say nothing was stored: " + answer.body());
                assertTrue(
                        took.compareTo(FAST_REFUSAL) < 0,
                        () -> "a refusal waited for Redis instead of answering at once: " + refusals);
            }
            Thread.sleep(3_000);

            proxy.restore();
            long restored = System.nanoTime();
            while (!dialgate.ready()
                    && System.nanoTime() - restored < Duration.ofSeconds(90).toNanos()) {
                Thread.sleep(50);
            }
            Duration readyAfter = Duration.ofNanos(System.nanoTime() - restored);
            assertTrue(
                    readyAfter.compareTo(READY_AGAIN) <= 0,
                    () -> "ready again " + readyAfter.toMillis() + " ms after Redis returned (limit "
                            + READY_AGAIN.toSeconds() + " s); readiness now: " + readiness(dialgate) + "; log "
                            + dialgate.log());

            String after = api.write(dialgate.baseUrl(), list, contact, "{\"v\":\"2\"}")
                    .orElseThrow(() -> new AssertionError("a write after the outage was not accepted"));
            awaitApplied(api, dialgate, after, Duration.ofSeconds(60));
            assertEquals(
                    "2",
                    genesys.contacts().get(list, contact).orElseThrow().data().get("v"));
        }
    }

    private static DialgateProcess.TenantSetup acme(GenesysSimulator genesys) {
        return new DialgateProcess.TenantSetup(
                TestTenants.ACME,
                genesys.baseUrl(),
                TestTenants.ACME_CLIENT_ID,
                TestTenants.ACME_CLIENT_SECRET,
                6_000,
                TestTenants.ACME_INGEST_TOKEN,
                TestTenants.ACME_CRM_TOKEN,
                Duration.ofMinutes(10));
    }

    private HttpResponse<String> patch(DialgateProcess dialgate, String list, String contact, String body)
            throws IOException, InterruptedException {
        return http.send(
                HttpRequest.newBuilder(URI.create(dialgate.baseUrl() + "/v1/tenants/" + TestTenants.ACME
                                + "/contactlists/" + list + "/contacts/" + contact))
                        .timeout(Duration.ofSeconds(20))
                        .header("Authorization", "Bearer " + TestTenants.ACME_CRM_TOKEN)
                        .header("Content-Type", "application/json")
                        .method("PATCH", HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private String readiness(DialgateProcess dialgate) {
        try {
            return http.send(
                            HttpRequest.newBuilder(URI.create(dialgate.managementUrl() + "/q/health/ready"))
                                    .timeout(Duration.ofSeconds(10))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString())
                    .body();
        } catch (IOException e) {
            return "no answer: " + e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }

    private static void awaitNotReady(DialgateProcess dialgate, Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (dialgate.ready()) {
            assertTrue(System.nanoTime() < deadline, "still ready " + limit.toSeconds() + " s after Redis was cut");
            Thread.sleep(50);
        }
    }

    private static void awaitApplied(WriteStatuses api, DialgateProcess dialgate, String writeId, Duration limit)
            throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        Optional<WriteStatuses.Status> status = Optional.empty();
        while (System.nanoTime() < deadline) {
            status = api.status(dialgate.baseUrl(), writeId);
            if (status.filter(WriteStatuses.Status::applied).isPresent()) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("write " + writeId + " not APPLIED within " + limit + ": " + status);
    }
}
