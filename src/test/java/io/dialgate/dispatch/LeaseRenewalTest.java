package io.dialgate.dispatch;

import io.dialgate.genesys.TenantConditions;
import io.dialgate.tenant.Tenant;
import io.dialgate.tenant.Tenants;
import io.dialgate.testing.TestTenants;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.smallrye.mutiny.Uni;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Proxy;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.IntStream;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Lease renewal costs one script call per tenant per tick, whatever the tenant's applies in flight, and never waits on
 * Redis: with one call per lease, all on the one renewal thread, a loaded Redis (or many leases) made a round longer
 * than a lease's safe hold, and applies stopped calling Genesys or lost their leases (issue 13, review of item 4).
 */
class LeaseRenewalTest {

    private static final int CONCURRENCY = 8;
    private static final Duration LEASE = Duration.ofSeconds(3);

    private static final Tenant TENANT = TestTenants.offline("acme");

    /** Hands out {@link #CONCURRENCY} contacts once; answers renewals when {@link #answer} completes. */
    private static final class RenewalStore extends DispatchStore {
        final List<ClaimedContact> contacts = IntStream.range(0, CONCURRENCY)
                .mapToObj(i ->
                        ClaimedContact.of("L:C" + i, "pod-a:1:L:C" + i, Map.of("d:tier", "gold"), List.of("w" + i)))
                .toList();
        final AtomicBoolean claimed = new AtomicBoolean();
        final List<List<String>> renewals = new CopyOnWriteArrayList<>();
        final Set<String> takenBack = ConcurrentHashMap.newKeySet();
        volatile CompletableFuture<Void> answer = CompletableFuture.completedFuture(null);

        RenewalStore() {
            super(null, null, null, null, null, null);
        }

        @Override
        Claim claim(String tenant, int max) {
            List<ClaimedContact> claimedNow = claimed.compareAndSet(false, true) ? contacts : List.of();
            return new Claim(claimedNow, -1, 0, 0, 0, 0, Instant.EPOCH, 0);
        }

        @Override
        Uni<List<Boolean>> renew(String tenant, List<ClaimedContact> held) {
            renewals.add(held.stream().map(ClaimedContact::member).toList());
            return Uni.createFrom()
                    .completionStage(answer)
                    .map(ignored -> held.stream()
                            .map(contact -> !takenBack.contains(contact.member()))
                            .toList());
        }

        @Override
        Completion complete(String tenant, ClaimedContact contact, ApplyOutcome outcome) {
            return Completion.RECORDED;
        }
    }

    /** Applies that run until the test ends them, keeping their leases for the test to look at. */
    private static final class RunningApplier extends ContactApplier {
        final List<ApplyLease> leases = new CopyOnWriteArrayList<>();
        final CountDownLatch running = new CountDownLatch(CONCURRENCY);
        final CountDownLatch end = new CountDownLatch(1);

        RunningApplier() {
            super(null, null, null, backoffs());
        }

        @Override
        ApplyOutcome apply(Tenant tenant, ApplyLease lease) {
            leases.add(lease);
            running.countDown();
            try {
                end.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return ApplyOutcome.deferred(Duration.ZERO);
        }
    }

    private static DispatchConfig backoffs() {
        return (DispatchConfig) Proxy.newProxyInstance(
                DispatchConfig.class.getClassLoader(),
                new Class<?>[] {DispatchConfig.class},
                (proxy, method, args) -> Duration.ofMillis(100));
    }

    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final RenewalStore store = new RenewalStore();
    private final RunningApplier applier = new RunningApplier();

    @AfterEach
    void stopThreads() {
        applier.end.countDown();
        threads.shutdownNow();
    }

    private TenantDispatcher dispatcherWithEveryApplyRunning() throws InterruptedException {
        SimpleMeterRegistry metrics = new SimpleMeterRegistry();
        TenantDispatcher loop = new TenantDispatcher(
                TENANT,
                store,
                applier,
                new ApplySpans(io.opentelemetry.api.OpenTelemetry.noop().getTracer("test")),
                null,
                new WakeUps(),
                new TenantConditions(null, new Tenants(Map::of), metrics),
                threads,
                new Semaphore(32),
                metrics,
                CONCURRENCY,
                LEASE,
                Duration.ofSeconds(60));
        loop.claimRound();
        assertTrue(applier.running.await(10, TimeUnit.SECONDS), "every claimed contact is being applied");
        return loop;
    }

    @Test
    void oneScriptCallRenewsEveryLeaseOfTheTenantAndMarksOneTakenBackLost() throws Exception {
        TenantDispatcher loop = dispatcherWithEveryApplyRunning();
        // Two thirds of the lease without a renewal: no apply may call Genesys any more.
        Thread.sleep(LEASE.multipliedBy(2).dividedBy(3).plusMillis(200).toMillis());
        applier.leases.forEach(lease -> assertFalse(lease.mayCall(), "not renewed for two thirds of a lease"));
        ApplyLease takenBack = applier.leases.get(3);
        store.takenBack.add(takenBack.contact().member());

        loop.renewLeases();

        await().atMost(Duration.ofSeconds(10)).until(takenBack::isLost);
        assertEquals(1, store.renewals.size(), "one script call for the tenant: " + store.renewals);
        assertEquals(
                Set.copyOf(store.contacts.stream().map(ClaimedContact::member).toList()),
                Set.copyOf(store.renewals.get(0)),
                "every lease of the tenant in that call");
        assertEquals(CONCURRENCY, store.renewals.get(0).size());
        for (ApplyLease lease : applier.leases) {
            assertEquals(lease != takenBack, lease.mayCall(), lease.contact().member());
        }
    }

    @Test
    void aRenewalWaitingOnRedisHoldsNoThreadIsNotSentTwiceAndIsGivenUpAfterATick() throws Exception {
        TenantDispatcher loop = dispatcherWithEveryApplyRunning();
        store.answer = new CompletableFuture<>(); // Redis does not answer

        assertTimeoutPreemptively(
                Duration.ofSeconds(5),
                () -> {
                    loop.renewLeases();
                    loop.renewLeases();
                },
                "the renewal thread never waits on Redis");
        assertEquals(1, store.renewals.size(), "one renewal of the tenant out at a time: " + store.renewals);

        // Unanswered for a third of the lease (a tick), it counts as failed, and the next tick renews again.
        await().atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> {
                    loop.renewLeases();
                    return store.renewals.size() == 2;
                });
        applier.leases.forEach(lease -> assertFalse(lease.isLost(), "no answer is not a lease taken back"));
    }
}
