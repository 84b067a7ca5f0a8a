package io.dialgate.dispatch;

import io.dialgate.simulator.GenesysSimulator;
import io.dialgate.simulator.LatencyPolicy;
import io.dialgate.simulator.RecordedPut;
import io.dialgate.testing.DialgateClient;
import io.dialgate.testing.InjectSimulator;
import io.dialgate.testing.TestTenants;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 10, hole 1: an apply holds its lease for as long as it runs. With the test profile's 3 s lease (the issue
 * asks for 5 s; a test profile of its own would restart the application, and a shorter lease is the harder case) and
 * a PUT that takes 8 s, a newer write waits for that PUT instead of overtaking it, and Genesys ends with the newest
 * value.
 */
@QuarkusTest
class LeaseHoldTest {

    private static final Duration SLOW_PUT = Duration.ofSeconds(8);

    @InjectSimulator
    GenesysSimulator genesys;

    private final String list = TestTenants.newListId();

    @AfterEach
    void normalLatency() {
        genesys.faults().latency(LatencyPolicy.NONE);
    }

    @Test
    void aNewerWriteWaitsForASlowPutThatOutlastsTheLeaseAndGenesysEndsWithTheNewestValue() throws Exception {
        DialgateClient acme = TestTenants.client(TestTenants.ACME);
        String contact = TestTenants.newContactId();
        genesys.contacts().put(list, contact, Map.of("tier", "silver"));
        CountDownLatch slowPutArrived = new CountDownLatch(1);
        AtomicBoolean first = new AtomicBoolean(true);
        genesys.faults().latency((method, path) -> {
            if ("PUT".equals(method) && path.endsWith("/contacts/" + contact) && first.compareAndSet(true, false)) {
                slowPutArrived.countDown();
                return SLOW_PUT;
            }
            return Duration.ZERO;
        });

        String older = acme.accept(list, contact, "{\"data\":{\"tier\":\"gold\"}}");
        assertTrue(slowPutArrived.await(10, TimeUnit.SECONDS), "the first PUT was sent");
        String newer = acme.accept(list, contact, "{\"data\":{\"tier\":\"platinum\"}}");

        await().atMost(Duration.ofSeconds(40))
                .until(() ->
                        acme.state(older).equals("APPLIED") && acme.state(newer).equals("APPLIED"));
        // Past the slow PUT's landing, whatever happened.
        await().atMost(Duration.ofSeconds(15))
                .until(() ->
                        genesys.requestLog().puts(list, contact).stream().anyMatch(put -> "gold".equals(tier(put))));
        await().pollDelay(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(2)).until(() -> true);

        assertEquals(
                "platinum",
                genesys.contacts().get(list, contact).orElseThrow().data().get("tier"),
                "Genesys holds the newest value");
        List<RecordedPut> puts = genesys.requestLog().puts(list, contact);
        RecordedPut gold = puts.stream()
                .filter(put -> "gold".equals(tier(put)))
                .findFirst()
                .orElseThrow();
        for (RecordedPut put : puts) {
            if ("platinum".equals(tier(put))) {
                assertTrue(
                        !put.time().isBefore(gold.time().plus(SLOW_PUT).minusMillis(200)),
                        "the newer PUT was sent only after the older one was answered: " + puts);
            }
        }
    }

    private static String tier(RecordedPut put) {
        return put.body() == null ? null : put.body().path("data").path("tier").asText(null);
    }
}
