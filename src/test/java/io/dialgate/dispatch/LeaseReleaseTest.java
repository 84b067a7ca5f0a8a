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
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 10, hole 1, at shutdown: {@code releaseInFlight} hands back the lease of an apply that has no PUT out (another
 * instance applies it at once), but never the lease of an apply whose PUT was sent and not yet answered — that PUT
 * may still land over whatever another instance would PUT meanwhile.
 */
class LeaseReleaseTest {

    private static final Tenant TENANT = TestTenants.offline("acme");

    /** Hands out one claimed contact, renews every lease, and records each outcome it is given. */
    private static final class OneClaimStore extends DispatchStore {
        final ClaimedContact contact = ClaimedContact.of("L:C", "pod-a:1:L:C", Map.of("d:tier", "gold"), List.of("w1"));
        final AtomicBoolean claimed = new AtomicBoolean();
        final List<ApplyOutcome.Kind> completed = new CopyOnWriteArrayList<>();

        OneClaimStore() {
            super(null, null, null, null, null, null);
        }

        @Override
        Claim claim(String tenant, int max) {
            List<ClaimedContact> contacts = claimed.compareAndSet(false, true) ? List.of(contact) : List.of();
            return new Claim(contacts, -1, 0, 0, 0, 0, Instant.EPOCH, 0);
        }

        @Override
        Uni<List<Boolean>> renew(String tenant, List<ClaimedContact> held) {
            return Uni.createFrom().item(held.stream().map(c -> true).toList());
        }

        @Override
        Completion complete(String tenant, ClaimedContact contact, ApplyOutcome outcome) {
            completed.add(outcome.kind());
            return Completion.RECORDED;
        }
    }

    /** An apply that stops, with or without a PUT out, until the test lets it go on. */
    private static final class HeldApplier extends ContactApplier {
        final CountDownLatch reached = new CountDownLatch(1);
        final CountDownLatch goOn = new CountDownLatch(1);
        final AtomicBoolean putSent = new AtomicBoolean();
        private final boolean withPutOut;

        HeldApplier(boolean withPutOut) {
            super(null, null, null, backoffs());
            this.withPutOut = withPutOut;
        }

        @Override
        ApplyOutcome apply(Tenant tenant, ApplyLease lease) {
            if (withPutOut) {
                lease.putSent();
                putSent.set(true);
            }
            reached.countDown();
            try {
                goOn.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (withPutOut) {
                lease.putAnswered();
                return ApplyOutcome.applied();
            }
            if (!lease.mayCall()) {
                return ApplyOutcome.deferred(Duration.ZERO);
            }
            putSent.set(true);
            return ApplyOutcome.applied();
        }
    }

    private static DispatchConfig backoffs() {
        return (DispatchConfig) Proxy.newProxyInstance(
                DispatchConfig.class.getClassLoader(),
                new Class<?>[] {DispatchConfig.class},
                (proxy, method, args) -> Duration.ofMillis(100));
    }

    private final ExecutorService threads = Executors.newCachedThreadPool();

    @AfterEach
    void stopThreads() {
        threads.shutdownNow();
    }

    private TenantDispatcher dispatcher(OneClaimStore store, HeldApplier applier) {
        SimpleMeterRegistry metrics = new SimpleMeterRegistry();
        return new TenantDispatcher(
                TENANT,
                store,
                applier,
                new ApplySpans(io.opentelemetry.api.OpenTelemetry.noop().getTracer("test")),
                null, // apply-mode contact: no batch
                new WakeUps(),
                new TenantConditions(null, new Tenants(Map::of), metrics),
                threads,
                new Semaphore(8),
                metrics,
                2,
                Duration.ofSeconds(3),
                Duration.ofSeconds(60));
    }

    @Test
    void aLeaseWhosePutIsOutIsKeptUntilThePutIsAnswered() throws Exception {
        OneClaimStore store = new OneClaimStore();
        HeldApplier applier = new HeldApplier(true);
        TenantDispatcher loop = dispatcher(store, applier);
        loop.claimRound();
        assertTrue(applier.reached.await(10, TimeUnit.SECONDS), "the apply sent its PUT");

        assertEquals(0, loop.releaseInFlight(), "the lease of an apply with a PUT out is not handed back");
        assertEquals(List.of(), store.completed);

        applier.goOn.countDown();
        assertTrue(loop.drain(Duration.ofSeconds(10)));
        assertEquals(List.of(ApplyOutcome.Kind.APPLIED), store.completed, "the PUT's answer is recorded");
    }

    @Test
    void aLeaseWithNoPutOutIsHandedBackAndItsApplyMakesNoFurtherCall() throws Exception {
        OneClaimStore store = new OneClaimStore();
        HeldApplier applier = new HeldApplier(false);
        TenantDispatcher loop = dispatcher(store, applier);
        loop.claimRound();
        assertTrue(applier.reached.await(10, TimeUnit.SECONDS), "the apply is running");

        assertEquals(1, loop.releaseInFlight());
        assertEquals(List.of(ApplyOutcome.Kind.DEFER), store.completed, "handed back at once");

        applier.goOn.countDown();
        assertTrue(loop.drain(Duration.ofSeconds(10)));
        assertTrue(!applier.putSent.get(), "no PUT after the lease was handed back");
    }
}
