package io.dialgate.dispatch;

import io.dialgate.simulator.GenesysSimulator;
import io.dialgate.testing.DialgateClient;
import io.dialgate.testing.InjectSimulator;
import io.dialgate.testing.TestTenants;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A burst of writes for two tenants with real budgets: stark may spend 1,800 Genesys calls a minute, wayne 3,600.
 * Every write is applied, neither tenant ever exceeds its budget in any window, and neither waits on the other.
 */
@QuarkusTest
class BudgetBurstTest {

    private static final int CONTACTS = Integer.getInteger("burst.contacts", 60);
    private static final int WRITES_PER_CONTACT = 5;

    @InjectSimulator
    GenesysSimulator genesys;

    private record Burst(DialgateClient client, String clientId, int perMinute, List<String> writeIds) {}

    @Test
    void everyWriteIsAppliedWithinEachTenantsBudgetAndNeitherWaitsOnTheOther() throws Exception {
        Burst stark = new Burst(TestTenants.client("stark"), "stark-client", 1800, new ArrayList<>());
        Burst wayne = new Burst(TestTenants.client("wayne"), "wayne-client", 3600, new ArrayList<>());
        String list = TestTenants.newListId();
        List<String> contacts = new ArrayList<>();
        for (int i = 0; i < CONTACTS; i++) {
            String contact = TestTenants.newContactId();
            genesys.contacts().put(list, contact, Map.of("tier", "silver"));
            contacts.add(contact);
        }

        ExecutorService crm = Executors.newFixedThreadPool(8);
        List<Future<String>> accepted = new ArrayList<>();
        for (int round = 0; round < WRITES_PER_CONTACT; round++) {
            for (String contact : contacts) {
                for (Burst burst : List.of(stark, wayne)) {
                    String body = "{\"data\":{\"tier\":\"gold\",\"n\":\"" + accepted.size() + "\"}}";
                    accepted.add(crm.submit(() -> burst.client().accept(list, contact, body)));
                }
            }
        }
        for (int i = 0; i < accepted.size(); i++) {
            (i % 2 == 0 ? stark : wayne).writeIds().add(accepted.get(i).get());
        }
        crm.shutdown();
        Instant allAccepted = Instant.now();

        Instant wayneDone = awaitAllApplied(wayne);
        Instant starkDone = awaitAllApplied(stark);

        for (Burst burst : List.of(stark, wayne)) {
            int inTenSeconds = genesys.maxRequestsInAnyWindow(burst.clientId(), Duration.ofSeconds(10));
            int inAMinute = genesys.maxRequestsInAnyWindow(burst.clientId(), Duration.ofMinutes(1));
            int tenSecondLimit = burst.perMinute() / 6 + burst.perMinute() / 10;
            assertTrue(
                    inTenSeconds <= tenSecondLimit,
                    burst.clientId() + ": " + inTenSeconds + " calls in 10 s > " + tenSecondLimit);
            assertTrue(
                    inAMinute <= burst.perMinute() + burst.perMinute() / 10,
                    burst.clientId() + ": " + inAMinute + " calls in a minute");
        }
        long starkSeconds = Duration.between(allAccepted, starkDone).toSeconds();
        long wayneSeconds = Duration.between(allAccepted, wayneDone).toSeconds();
        long starkCalls = genesys.requestLog()
                .requests(r -> "stark-client".equals(r.clientId()))
                .size();
        // Once all writes are in, stark's own budget explains its time: its calls beyond the burst at 30 a second,
        // plus slack for a slow machine — nothing like the time both tenants' calls would take through one budget.
        long starkBound = 3 * Math.max(0, starkCalls - 180) / 30 + 30;
        assertTrue(starkSeconds <= starkBound, "stark took " + starkSeconds + " s for " + starkCalls + " calls");
        assertTrue(
                wayneSeconds <= starkSeconds + 5,
                "wayne (twice the budget) took " + wayneSeconds + " s, stark " + starkSeconds + " s");
    }

    private static Instant awaitAllApplied(Burst burst) {
        await().atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> {
                    for (String writeId : burst.writeIds()) {
                        if (!burst.client().state(writeId).equals("APPLIED")) {
                            return false;
                        }
                    }
                    return true;
                });
        return Instant.now();
    }
}
