package io.dialgate.dispatch;

import io.dialgate.genesys.TenantConditions;
import io.dialgate.metrics.CounterFamily;
import io.dialgate.metrics.Metric;
import io.dialgate.redis.StoreUnavailableException;
import io.dialgate.tenant.Tenant;
import io.dialgate.tracing.TraceAttributes;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Scope;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
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
    private final ApplySpans spans;
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
    private final Duration lease;
    private final Duration applyDeadline;
    private final Set<ApplyLease> inFlight = ConcurrentHashMap.newKeySet();
    private volatile boolean running = true;

    TenantDispatcher(
            Tenant tenant,
            DispatchStore store,
            ContactApplier applier,
            ApplySpans spans,
            BulkApplier bulkApplier,
            WakeUps wakeUps,
            TenantConditions conditions,
            ExecutorService applyPool,
            MeterRegistry metrics,
            int concurrency,
            Duration idleCheck,
            Duration lease,
            Duration applyDeadline) {
        this.tenant = tenant;
        this.store = store;
        this.applier = applier;
        this.spans = spans;
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
        this.lease = lease;
        this.applyDeadline = applyDeadline;
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
        Instant claimStarted = Instant.now();
        DispatchStore.Claim claim = store.claim(tenant.name(), wanted);
        Instant claimEnded = Instant.now();
        // Another instance may have paused (or a pause may have ended): this is how this instance's gauges and
        // readiness details learn of it.
        conditions.pausedUntil(tenant.name(), claim.pausedUntil());
        reclaimedLeases.increment(claim.reclaimedLeases());
        activeDialTtlEnds.increment(claim.activeDialTtlEnds());
        postCallGraceEnds.increment(claim.postCallGraceEnds());
        ApplyBatches batches = ApplyBatches.plan(tenant.applyPolicy(), claim.contacts(), free);
        for (List<ClaimedContact> batch : batches.bulk()) {
            slots.acquire();
            List<ApplyLease> held = batch.stream()
                    .map(contact -> new ApplyLease(contact, lease, applyDeadline))
                    .toList();
            inFlight.addAll(held);
            List<Span> contactSpans = batch.stream()
                    .map(contact -> spans.start(tenant.name(), contact, claimStarted, claimEnded, claim.nowMillis()))
                    .toList();
            applyPool.execute(() -> applyAndCompleteBatch(held, contactSpans));
        }
        for (ClaimedContact contact : batches.single()) {
            slots.acquire();
            ApplyLease held = new ApplyLease(contact, lease, applyDeadline);
            inFlight.add(held);
            Span span = spans.start(tenant.name(), contact, claimStarted, claimEnded, claim.nowMillis());
            applyPool.execute(() -> applyAndComplete(held, span));
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

    private void applyAndComplete(ApplyLease held, Span span) {
        ClaimedContact contact = held.contact();
        try (Scope scope = span.makeCurrent()) {
            record(contact, span, applier.apply(tenant, held));
        } catch (RuntimeException e) {
            ApplySpans.failed(span, e);
            // The lease expires and the contact is claimed again; nothing is lost.
            LOG.errorf(
                    e,
                    "Tenant %s: apply failed unexpectedly; the lease will expire and the write be retried",
                    tenant.name());
        } finally {
            span.end();
            inFlight.remove(held);
            slots.release();
            wakeUps.wake(tenant.name());
        }
    }

    /** Records one contact's outcome (complete.lua) under its apply span, which must be current. */
    private void record(ClaimedContact contact, Span span, ApplyOutcome outcome) {
        span.setAttribute(TraceAttributes.OUTCOME, outcome.kind().name());
        switch (spans.complete(outcome, () -> store.complete(tenant.name(), contact, outcome))) {
            case RECORDED -> applies.with(tenant.name(), outcome.metricLabel()).increment();
            case EXPIRED -> applies.with(tenant.name(), "expired").increment();
            case LOST ->
                LOG.warnf(
                        "Tenant %s: lease of a contact expired during its apply; another instance took it over",
                        tenant.name());
        }
    }

    /**
     * A batch of one list's contacts in bulk requests ({@link BulkApplier}), under a batch span linked to each contact's
     * apply span; each contact's outcome is recorded as soon as it is known, on its own lease and apply span, as if it
     * were alone.
     */
    private void applyAndCompleteBatch(List<ApplyLease> held, List<Span> contactSpans) {
        Map<ApplyLease, Span> open = new IdentityHashMap<>();
        for (int i = 0; i < held.size(); i++) {
            open.put(held.get(i), contactSpans.get(i));
        }
        Span batchSpan = spans.startBatch(tenant.name(), contactSpans);
        try (Scope scope = batchSpan.makeCurrent()) {
            bulkApplier.apply(tenant, held, (contact, outcome) -> {
                Span span = open.remove(contact);
                try (Scope contactScope = span.makeCurrent()) {
                    record(contact.contact(), span, outcome);
                } finally {
                    span.end();
                    inFlight.remove(contact);
                }
            });
        } catch (RuntimeException e) {
            ApplySpans.failed(batchSpan, e);
            open.values().forEach(span -> ApplySpans.failed(span, e));
            LOG.errorf(
                    e,
                    "Tenant %s: bulk apply failed unexpectedly; the leases will expire and the writes be retried",
                    tenant.name());
        } finally {
            open.values().forEach(Span::end);
            batchSpan.end();
            held.forEach(inFlight::remove);
            slots.release();
            wakeUps.wake(tenant.name());
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
     * Renews the lease of every apply of this tenant still running (every third of the lease, from the Dispatcher's
     * renewal thread), so an apply never outlives its lease; a lease found taken back is marked lost and its apply
     * makes no further call. Redis unreachable: nothing is renewed, and {@link ApplyLease#mayCall()} stops new calls
     * before the lease may have run out.
     */
    void renewLeases() {
        for (ApplyLease held : inFlight) {
            if (held.isLost()) {
                continue;
            }
            java.time.Instant sent = java.time.Instant.now();
            try {
                if (store.renew(tenant.name(), held.contact())) {
                    held.renewed(sent);
                } else {
                    held.lost();
                    LOG.warnf(
                            "Tenant %s: a lease was taken back during its apply; the apply makes no further call",
                            tenant.name());
                }
            } catch (RuntimeException e) {
                LOG.debugf("Tenant %s: lease renewal failed: %s", tenant.name(), e.getMessage());
            }
        }
    }

    /**
     * Gives back the leases of applies still running that have no PUT out (shutdown, after the drain time), so
     * another instance applies them now rather than after the lease expires; those applies then make no further call.
     * A lease whose PUT was sent is kept (and renewed) until that PUT is answered or times out: handing it back would
     * let another instance PUT newer values that this older PUT could then overwrite.
     */
    @Override
    public int releaseInFlight() {
        int released = 0;
        for (ApplyLease held : inFlight) {
            // Stopped first, then checked: ContactApplier marks the PUT sent first, then checks — so of a PUT and a
            // release racing, at least one sees the other (both flags are volatile).
            held.stop();
            if (held.putOutstanding()) {
                continue;
            }
            if (store.complete(tenant.name(), held.contact(), ApplyOutcome.deferred(Duration.ZERO))
                    != DispatchStore.Completion.LOST) {
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
