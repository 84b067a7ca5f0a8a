package io.dialgate.dispatch;

import io.dialgate.genesys.TenantConditions;
import io.dialgate.metrics.CounterFamily;
import io.dialgate.metrics.Metric;
import io.dialgate.redis.StoreUnavailableException;
import io.dialgate.tenant.Tenant;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * One tenant's dispatch loop: claim what is ready, apply each contact — or each batch of one list's contacts, per the
 * tenant's apply mode ({@link ApplyBatches}) — on the shared apply pool, record each contact's outcome, then sleep
 * until woken or until the next thing of this tenant falls due. Never more than {@code concurrency} applies (a contact
 * or a batch) of the tenant are in flight from this instance.
 */
final class TenantDispatcher implements Runnable, ShutdownDrain.Loop {

    private static final Logger LOG = Logger.getLogger(TenantDispatcher.class);
    private static final Duration REDIS_DOWN_PAUSE = Duration.ofSeconds(1);

    private final Tenant tenant;
    private final DispatchStore store;
    private final ContactApplier applier;
    private final BulkApplier bulkApplier;
    private final WakeUps wakeUps;
    private final TenantConditions conditions;
    private final ExecutorService applyPool;
    private final Counter reclaimedLeases;
    private final Counter activeDialTtlEnds;
    private final Counter postCallGraceEnds;
    private final CounterFamily applies;
    private final Semaphore slots;
    private final int concurrency;
    private final long idleCheckMillis;
    private final Set<ClaimedContact> inFlight = ConcurrentHashMap.newKeySet();
    private volatile boolean running = true;

    TenantDispatcher(
            Tenant tenant,
            DispatchStore store,
            ContactApplier applier,
            BulkApplier bulkApplier,
            WakeUps wakeUps,
            TenantConditions conditions,
            ExecutorService applyPool,
            MeterRegistry metrics,
            int concurrency,
            Duration idleCheck) {
        this.tenant = tenant;
        this.store = store;
        this.applier = applier;
        this.bulkApplier = bulkApplier;
        this.wakeUps = wakeUps;
        this.conditions = conditions;
        this.applyPool = applyPool;
        // Registered up front so the tenant's series exist at 0 before the first one happens (increase() needs that).
        this.reclaimedLeases = Metric.LEASES_RECLAIMED.counters(metrics).with(tenant.name());
        CounterFamily releases = Metric.DIAL_RELEASES.counters(metrics);
        this.activeDialTtlEnds = releases.with(tenant.name(), "active_dial_ttl");
        this.postCallGraceEnds = releases.with(tenant.name(), "post_call_grace");
        this.applies = Metric.APPLIES.counters(metrics);
        this.concurrency = concurrency;
        this.slots = new Semaphore(concurrency);
        this.idleCheckMillis = idleCheck.toMillis();
    }

    @Override
    public void run() {
        while (running) {
            try {
                long sleep = round();
                if (sleep > 0) {
                    wakeUps.await(tenant.name(), sleep);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (StoreUnavailableException e) {
                LOG.debugf("Tenant %s: Redis unavailable, dispatch pauses: %s", tenant.name(), e.getMessage());
                pause();
            } catch (RuntimeException e) {
                LOG.errorf(e, "Tenant %s: dispatch round failed", tenant.name());
                pause();
            }
        }
    }

    /** One claim round; returns how long to sleep before the next (0: claim again at once). */
    private long round() throws InterruptedException {
        int free = slots.availablePermits();
        if (free == 0) {
            return idleCheckMillis;
        }
        int wanted = ApplyBatches.claimSize(tenant.applyPolicy(), free);
        DispatchStore.Claim claim = store.claim(tenant.name(), wanted);
        // Another instance may have paused (or a pause may have ended): this is how this instance's gauges and
        // readiness details learn of it.
        conditions.pausedUntil(tenant.name(), claim.pausedUntil());
        reclaimedLeases.increment(claim.reclaimedLeases());
        activeDialTtlEnds.increment(claim.activeDialTtlEnds());
        postCallGraceEnds.increment(claim.postCallGraceEnds());
        ApplyBatches batches = ApplyBatches.plan(tenant.applyPolicy(), claim.contacts(), free);
        for (List<ClaimedContact> batch : batches.bulk()) {
            slots.acquire();
            inFlight.addAll(batch);
            applyPool.execute(() -> applyAndCompleteBatch(batch));
        }
        for (ClaimedContact contact : batches.single()) {
            slots.acquire();
            inFlight.add(contact);
            applyPool.execute(() -> applyAndComplete(contact));
        }
        // More than the free slots take: back to ready at once (not an attempt), claimed again when a slot frees.
        batches.later()
                .forEach(contact -> store.complete(tenant.name(), contact, ApplyOutcome.deferred(Duration.ZERO)));
        if (claim.contacts().size() == wanted) {
            return 0;
        }
        if (claim.nextDueMillis() < 0) {
            return idleCheckMillis;
        }
        return Math.max(1, Math.min(idleCheckMillis, claim.nextDueMillis() - claim.nowMillis()));
    }

    private void applyAndComplete(ClaimedContact contact) {
        try {
            ApplyOutcome outcome = applier.apply(tenant, contact);
            if (store.complete(tenant.name(), contact, outcome)) {
                applies.with(tenant.name(), outcome.metricLabel()).increment();
            } else {
                LOG.warnf(
                        "Tenant %s: lease of a contact expired during its apply; another instance took it over",
                        tenant.name());
            }
        } catch (RuntimeException e) {
            // The lease expires and the contact is claimed again; nothing is lost.
            LOG.errorf(
                    e,
                    "Tenant %s: apply failed unexpectedly; the lease will expire and the write be retried",
                    tenant.name());
        } finally {
            inFlight.remove(contact);
            slots.release();
            wakeUps.wake(tenant.name());
        }
    }

    /** A batch of one list's contacts in bulk requests; each contact's outcome is recorded as if it were alone. */
    private void applyAndCompleteBatch(List<ClaimedContact> batch) {
        try {
            bulkApplier.apply(tenant, batch, this::complete);
        } catch (RuntimeException e) {
            LOG.errorf(
                    e,
                    "Tenant %s: bulk apply failed unexpectedly; the leases will expire and the writes be retried",
                    tenant.name());
        } finally {
            batch.forEach(inFlight::remove);
            slots.release();
            wakeUps.wake(tenant.name());
        }
    }

    private void complete(ClaimedContact contact, ApplyOutcome outcome) {
        if (store.complete(tenant.name(), contact, outcome)) {
            applies.with(tenant.name(), outcome.metricLabel()).increment();
        } else {
            LOG.warnf(
                    "Tenant %s: lease of a contact expired during its apply; another instance took it over",
                    tenant.name());
        }
    }

    private void pause() {
        try {
            Thread.sleep(REDIS_DOWN_PAUSE.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    @Override
    public String tenant() {
        return tenant.name();
    }

    void stop() {
        running = false;
        wakeUps.wake(tenant.name());
    }

    /**
     * Gives the leases of applies still running back at once (shutdown, after the drain time), so another instance
     * applies them now rather than after the lease expires. An apply that finishes later finds its lease gone and
     * its outcome is dropped; the write is applied again by whoever claims it — harmless, the PUT carries the newest
     * values.
     */
    @Override
    public int releaseInFlight() {
        int released = 0;
        for (ClaimedContact contact : inFlight) {
            if (store.complete(tenant.name(), contact, ApplyOutcome.deferred(Duration.ZERO))) {
                released++;
            }
        }
        return released;
    }

    /** Waits for this tenant's applies in flight to finish; true when all did in time. */
    @Override
    public boolean drain(Duration timeout) throws InterruptedException {
        if (slots.tryAcquire(concurrency, timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            slots.release(concurrency);
            return true;
        }
        return false;
    }
}
