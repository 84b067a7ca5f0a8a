package io.dialgate.dispatch;

import io.dialgate.redis.TenantKeys;
import io.dialgate.simulator.GenesysSimulator;
import io.dialgate.simulator.LatencyPolicy;
import io.dialgate.simulator.RecordedPut;
import io.dialgate.simulator.ScriptedResponse;
import io.dialgate.testing.DialgateClient;
import io.dialgate.testing.InjectSimulator;
import io.dialgate.testing.TestTenants;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 10, hole 1: an apply holds its lease for as long as it runs, and makes no Genesys call on a lease it lost.
 * With the test profile's 3 s lease (the issue asks for 5 s; a test profile of its own would restart the application,
 * and a shorter lease is the harder case) and a PUT the simulator holds 8 s before carrying it out, a newer write
 * waits for that PUT instead of overtaking it, and Genesys ends with the newest value. Without renewal the lease runs
 * out mid-PUT, a second claim PUTs the newer value and the older PUT lands last (checked: the first test fails so).
 */
@QuarkusTest
class LeaseHoldTest {

    private static final Duration SLOW_PUT = Duration.ofSeconds(8);

    @InjectSimulator
    GenesysSimulator genesys;

    @Inject
    RedisDataSource redis;

    private final String list = TestTenants.newListId();
    private final DialgateClient acme = TestTenants.client(TestTenants.ACME);

    @AfterEach
    void normalLatency() {
        genesys.faults().latency(LatencyPolicy.NONE);
    }

    @Test
    void aNewerWriteWaitsForASlowPutThatOutlastsTheLeaseAndGenesysEndsWithTheNewestValue() throws Exception {
        String contact = TestTenants.newContactId();
        genesys.contacts().put(list, contact, Map.of("tier", "silver"));
        CountDownLatch slowPutArrived = new CountDownLatch(1);
        AtomicBoolean first = new AtomicBoolean(true);
        AtomicReference<Instant> slowPutLands = new AtomicReference<>();
        genesys.faults().latency((method, path) -> {
            if ("PUT".equals(method) && path.endsWith("/contacts/" + contact) && first.compareAndSet(true, false)) {
                slowPutLands.set(Instant.now().plus(SLOW_PUT));
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
        // Past the slow PUT's landing (the simulator carries it out after its delay), whatever happened.
        await().atMost(Duration.ofSeconds(20))
                .until(() -> Instant.now().isAfter(slowPutLands.get().plusSeconds(1)));

        assertEquals(
                "platinum",
                genesys.contacts().get(list, contact).orElseThrow().data().get("tier"),
                "Genesys holds the newest value");
        List<RecordedPut> puts = genesys.requestLog().puts(list, contact);
        assertEquals(1, puts.stream().filter(put -> "gold".equals(tier(put))).count(), "one PUT of the older value");
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

    /**
     * Another instance takes the contact while this apply waits for its GET (as after a stall past the lease): the
     * apply sees the lease lost and sends no PUT, which could land over the other instance's newer one. The write is
     * applied once the other instance's lease ends and the contact is claimed again.
     */
    @Test
    void anApplyThatLostItsLeaseSendsNoPut() throws Exception {
        String contact = TestTenants.newContactId();
        genesys.contacts().put(list, contact, Map.of("tier", "silver"));
        CountDownLatch slowGetArrived = new CountDownLatch(1);
        AtomicBoolean first = new AtomicBoolean(true);
        genesys.faults().latency((method, path) -> {
            if ("GET".equals(method) && path.endsWith("/contacts/" + contact) && first.compareAndSet(true, false)) {
                slowGetArrived.countDown();
                return Duration.ofSeconds(3);
            }
            return Duration.ZERO;
        });

        String write = acme.accept(list, contact, "{\"data\":{\"tier\":\"gold\"}}");
        assertTrue(slowGetArrived.await(10, TimeUnit.SECONDS), "the first GET was sent");
        TenantKeys keys = new TenantKeys(TestTenants.ACME);
        String member = TenantKeys.member(list, contact);
        // What another instance's claim leaves: its own lease on the contact, for a minute.
        redis.execute("HSET", keys.inFlight(member), "lease", "pod-b:1:" + member);
        redis.execute("ZADD", keys.inFlightSet(), "XX", Long.toString(System.currentTimeMillis() + 60_000), member);

        await().pollDelay(Duration.ofSeconds(5)).atMost(Duration.ofSeconds(6)).until(() -> true);
        assertEquals(List.of(), genesys.requestLog().puts(list, contact), "no PUT on the lost lease");

        Instant givenBack = Instant.now();
        redis.execute("ZADD", keys.inFlightSet(), "XX", "0", member); // the other instance's lease runs out
        await().atMost(Duration.ofSeconds(15)).until(() -> acme.state(write).equals("APPLIED"));
        List<RecordedPut> puts = genesys.requestLog().puts(list, contact);
        assertEquals(1, puts.size(), "one PUT: " + puts);
        assertTrue(!puts.get(0).time().isBefore(givenBack), "sent under the new claim only");
        assertEquals(
                "gold",
                genesys.contacts().get(list, contact).orElseThrow().data().get("tier"));
    }

    /**
     * A PUT whose outcome is unknown (Genesys carried it out, its answer was a 504) is treated as possibly applied:
     * the contact is read back, and as Genesys holds every written value the write is APPLIED without a second PUT.
     */
    @Test
    void aPutWhoseAnswerWasLostButLandedIsReadBackAndNotSentAgain() {
        String contact = TestTenants.newContactId();
        genesys.contacts().put(list, contact, Map.of("tier", "silver"));
        genesys.faults()
                .nextPut(
                        contact,
                        ScriptedResponse.genesysError(504, "gateway.timeout", "upstream timed out")
                                .afterApplyingRequest());

        String write = acme.accept(list, contact, "{\"data\":{\"tier\":\"gold\",\"color\":\"red\"}}");

        await().atMost(Duration.ofSeconds(15)).until(() -> acme.state(write).equals("APPLIED"));
        assertEquals(1, genesys.requestLog().puts(list, contact).size(), "the landed PUT is not sent again");
        assertEquals(
                Map.of("tier", "gold", "color", "red"),
                genesys.contacts().get(list, contact).orElseThrow().data());
    }

    /** A PUT whose outcome is unknown and that did not land: the read-back finds the older value and PUTs again. */
    @Test
    void aPutWhoseAnswerWasLostAndThatDidNotLandIsSentAgain() {
        String contact = TestTenants.newContactId();
        genesys.contacts().put(list, contact, Map.of("tier", "silver"));
        genesys.faults().nextPut(contact, ScriptedResponse.genesysError(504, "gateway.timeout", "upstream timed out"));

        String write = acme.accept(list, contact, "{\"data\":{\"tier\":\"gold\"}}");

        await().atMost(Duration.ofSeconds(15)).until(() -> acme.state(write).equals("APPLIED"));
        assertEquals(
                List.of(504, 200),
                genesys.requestLog().puts(list, contact).stream()
                        .map(RecordedPut::status)
                        .toList());
        assertEquals(
                "gold",
                genesys.contacts().get(list, contact).orElseThrow().data().get("tier"));
    }

    private static String tier(RecordedPut put) {
        return put.body() == null ? null : put.body().path("data").path("tier").asText(null);
    }
}
