package io.dialgate.dispatch;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The claim schedule: woken tenants first come first served, each once; due times replace each other. */
class WakeUpsTest {

    private final WakeUps wakeUps = new WakeUps();

    WakeUpsTest() {
        wakeUps.serve(List.of("acme", "globex", "initech"));
    }

    @Test
    void wokenTenantsComeInTheOrderTheyWereWokenAndEachOnceHoweverOftenWoken() throws Exception {
        wakeUps.wake("globex");
        wakeUps.wake("acme");
        wakeUps.wake("globex");

        assertEquals(Optional.of("globex"), wakeUps.next(0));
        assertEquals(Optional.of("acme"), wakeUps.next(0));
        assertEquals(Optional.empty(), wakeUps.next(0));
    }

    @Test
    void aTenantWokenAgainWhileQueuedKeepsItsPlaceAndOneWokenAfterItsTurnGoesToTheBack() throws Exception {
        wakeUps.wake("acme");
        wakeUps.wake("globex");
        assertEquals(Optional.of("acme"), wakeUps.next(0));
        wakeUps.wake("acme"); // its claim was full: behind globex
        wakeUps.done("acme");

        assertEquals(Optional.of("globex"), wakeUps.next(0));
        assertEquals(Optional.of("acme"), wakeUps.next(0));
    }

    @Test
    void aTenantWhoseClaimRunsIsNotGivenToASecondClaimerUntilThatClaimIsDone() throws Exception {
        wakeUps.wake("acme");
        assertEquals(Optional.of("acme"), wakeUps.next(0));
        wakeUps.wake("acme");
        wakeUps.wake("globex");

        assertEquals(Optional.of("globex"), wakeUps.next(0), "acme's claim still runs: globex first");
        assertEquals(Optional.empty(), wakeUps.next(0));
        wakeUps.done("acme");
        assertEquals(Optional.of("acme"), wakeUps.next(0), "the wake-up during its claim was kept");
    }

    @Test
    void aDueTenantComesWhenItsTimeComesAndNotBefore() throws Exception {
        wakeUps.dueIn("initech", 300);

        assertEquals(Optional.empty(), wakeUps.next(50));
        long start = System.nanoTime();
        assertEquals(Optional.of("initech"), wakeUps.next(5_000));
        assertTrue(Duration.ofNanos(System.nanoTime() - start).toMillis() < 2_000);
        assertEquals(0, wakeUps.scheduled(), "the due time was used up");
    }

    @Test
    void aLaterDueTimeReplacesTheEarlierAndNotDueCancelsIt() throws Exception {
        wakeUps.dueIn("acme", 50);
        wakeUps.dueIn("acme", 60_000);
        assertEquals(1, wakeUps.scheduled(), "one due time per tenant");
        assertEquals(Optional.empty(), wakeUps.next(200));

        wakeUps.dueIn("globex", 50);
        wakeUps.notDue("globex");
        assertEquals(Optional.empty(), wakeUps.next(200));
        assertEquals(1, wakeUps.scheduled());
    }

    @Test
    void aWakeUpEndsTheWaitForADueTenantAtOnce() throws Exception {
        wakeUps.dueIn("acme", 60_000);
        Thread waker = new Thread(() -> {
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                return;
            }
            wakeUps.wake("globex");
        });
        waker.start();

        assertEquals(Optional.of("globex"), wakeUps.next(10_000));
        waker.join();
    }

    @Test
    void wakeAllWakesEveryTenantServedAndATenantNotServedIsIgnored() throws Exception {
        wakeUps.wake("someone-else");
        assertEquals(Optional.empty(), wakeUps.next(0));

        wakeUps.wakeAll();
        assertEquals(Optional.of("acme"), wakeUps.next(0));
        assertEquals(Optional.of("globex"), wakeUps.next(0));
        assertEquals(Optional.of("initech"), wakeUps.next(0));
    }

    @Test
    void theSweepAsksForAClaimWithoutCountingAsActivityButAWakeUpDoes() throws Exception {
        wakeUps.sweep("acme");
        assertEquals(Optional.of("acme"), wakeUps.next(0));
        wakeUps.done("acme");
        assertFalse(wakeUps.activeWithin("acme", Duration.ofMinutes(5)));

        wakeUps.wake("acme");
        assertTrue(wakeUps.activeWithin("acme", Duration.ofMinutes(5)));
    }
}
