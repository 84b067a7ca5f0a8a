package io.dialgate.dispatch;

import io.dialgate.genesys.TenantConditions;
import io.dialgate.metrics.CounterFamily;
import io.dialgate.metrics.Metric;
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
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One tenant's dispatch: claim what is ready when {@link Dispatcher} gives the tenant its turn, apply each contact —
 * or each batch of one list's contacts, per the tenant's apply mode ({@link ApplyBatches}) — on the shared apply
 * workers, record each contact's outcome, and tell {@link WakeUps} when the tenant is next due. Never more than
 * {@code concurrency} applies (a contact or a batch) of the tenant are in flight from this instance. It holds no
 * thread of its own: an idle tenant is a few objects and two gauges.
 */
final class TenantDispatcher implements ShutdownDrain.Loop {

    private static final Logger LOG = Logger.getLogger(TenantDispatcher.class);

    private final Tenant tenant;
    private final DispatchStore store;
    private final ContactApplier applier;
    private final ApplySpans spans;
    private final BulkApplier bulkApplier;
    private final WakeUps wakeUps;
    private final TenantConditions conditions;
    private final ExecutorService applyPool;
    private final Semaphore workers;
    private final Counter reclaimedLeases;
    private final Counter activeDialTtlEnds;
    private final Counter postCallGraceEnds;
    private final CounterFamily applies;
    private final Semaphore slots;
    private final int concurrency;
    private final Duration lease;
    private final Duration applyDeadline;
    private final Set<ApplyLease> inFlight = ConcurrentHashMap.newKeySet();
    /** A renewal of this tenant's leases is out (at most one at a time, however slow Redis answers). */
    private final AtomicBoolean renewing = new AtomicBoolean();
    /** Contacts ready and not claimed, as this instance's last claim of the tenant saw them. */
    private final AtomicLong readyBacklog = new AtomicLong();

    TenantDispatcher(
            Tenant tenant,
            DispatchStore store,
            ContactApplier applier,
            ApplySpans spans,
            BulkApplier bulkApplier,
            WakeUps wakeUps,
            TenantConditions conditions,
            ExecutorService applyPool,
            Semaphore workers,
            MeterRegistry metrics,
            int concurrency,
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
        this.workers = workers;
        // Registered up front so the tenant's series exist at 0 before the first one happens (increase() needs that).
        this.reclaimedLeases = Metric.LEASES_RECLAIMED.counters(metrics).with(tenant.name());
        CounterFamily releases = Metric.DIAL_RELEASES.counters(metrics);
        this.activeDialTtlEnds = releases.with(tenant.name(), "active_dial_ttl");
        this.postCallGraceEnds = releases.with(tenant.name(), "post_call_grace");
        this.applies = Metric.APPLIES.counters(metrics);
        Metric.DISPATCH_READY.gauge(metrics, readyBacklog, AtomicLong::get, tenant.name());
        this.concurrency = concurrency;
        this.slots = new Semaphore(concurrency);
        this.lease = lease;
        this.applyDeadline = applyDeadline;
    }

    /**
     * One claim round: claims as many ready contacts as the tenant's free slots and the free workers allow (a slot and a
     * worker take one contact, or a whole batch in the bulk apply modes), hands them to the workers, and schedules the tenant's next round — at once when the claim was full (behind the other tenants
     * woken meanwhile, so a backlog takes turns with them), at its next due time, or on its next wake-up. A tenant
     * with no free slot is skipped: its next apply to finish wakes it. Workers are reserved before the claim, so
     * claimers running side by side never claim more than the workers can take at once.
     */
    void claimRound() {
        int free = slots.availablePermits();
        if (free == 0) {
            return;
        }
        int reserved = reserveWorkers(free);
        if (reserved == 0) {
            // Other claimers took the free workers meanwhile: the tenant keeps a turn for when one is free again.
            wakeUps.again(tenant.name());
            return;
        }
        int handedOver = 0;
        try {
            int wanted = ApplyBatches.claimSize(tenant.applyPolicy(), reserved);
            Instant claimStarted = Instant.now();
            DispatchStore.Claim claim = store.claim(tenant.name(), wanted);
            Instant claimEnded = Instant.now();
            // Another instance may have paused (or a pause may have ended): this is how this instance's gauges and
            // readiness details learn of it.
            conditions.pausedUntil(tenant.name(), claim.pausedUntil());
            reclaimedLeases.increment(claim.reclaimedLeases());
            activeDialTtlEnds.increment(claim.activeDialTtlEnds());
            postCallGraceEnds.increment(claim.postCallGraceEnds());
            readyBacklog.set(claim.readyBacklog());
            ApplyBatches batches = ApplyBatches.plan(tenant.applyPolicy(), claim.contacts(), reserved);
            for (List<ClaimedContact> batch : batches.bulk()) {
                // Never blocks: only the one claimer of this tenant takes its slots, and it saw this many free.
                slots.acquireUninterruptibly();
                List<ApplyLease> held = batch.stream()
                        .map(contact -> new ApplyLease(contact, lease, applyDeadline))
                        .toList();
                inFlight.addAll(held);
                handedOver++;
                List<Span> contactSpans = batch.stream()
                        .map(contact ->
                                spans.start(tenant.name(), contact, claimStarted, claimEnded, claim.nowMillis()))
                        .toList();
                applyPool.execute(() -> applyAndCompleteBatch(held, contactSpans));
            }
            for (ClaimedContact contact : batches.single()) {
                slots.acquireUninterruptibly();
                ApplyLease held = new ApplyLease(contact, lease, applyDeadline);
                inFlight.add(held);
                handedOver++;
                Span span = spans.start(tenant.name(), contact, claimStarted, claimEnded, claim.nowMillis());
                applyPool.execute(() -> applyAndComplete(held, span));
            }
            // More than the reserved workers take: back to ready at once (not an attempt), claimed again next round.
            batches.later()
                    .forEach(contact -> store.complete(tenant.name(), contact, ApplyOutcome.deferred(Duration.ZERO)));
            if (!claim.contacts().isEmpty() || claim.readyBacklog() > 0 || claim.nextDueMillis() >= 0) {
                wakeUps.worked(tenant.name());
            }
            if (claim.contacts().size() == wanted) {
                wakeUps.wake(tenant.name());
            } else if (claim.nextDueMillis() < 0) {
                wakeUps.notDue(tenant.name());
            } else {
                wakeUps.dueIn(tenant.name(), Math.max(1, claim.nextDueMillis() - claim.nowMillis()));
            }
        } finally {
            workers.release(reserved - handedOver);
        }
    }

    /** Takes up to {@code wanted} free workers; how many it took. */
    private int reserveWorkers(int wanted) {
        int reserved = 0;
        while (reserved < wanted && workers.tryAcquire()) {
            reserved++;
        }
        return reserved;
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
            workers.release();
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
            workers.release();
            wakeUps.wake(tenant.name());
        }
    }

    @Override
    public String tenant() {
        return tenant.name();
    }

    /**
     * Renews the leases of this tenant's applies still running, all in one script call (every third of the lease,
     * from the Dispatcher's renewal thread), so an apply never outlives its lease; a lease found taken back is marked
     * lost and its apply makes no further call. It returns at once and the answer is taken when Redis gives it: one
     * tenant's renewal never waits for another's, and none holds a claimer or a worker. One renewal of the tenant is
     * out at a time; one unanswered after a third of the lease counts as failed. Redis unreachable: nothing is
     * renewed, and {@link ApplyLease#mayCall()} stops new calls before the lease may have run out.
     */
    void renewLeases() {
        if (inFlight.isEmpty() || !renewing.compareAndSet(false, true)) {
            return;
        }
        List<ApplyLease> held =
                inFlight.stream().filter(lease -> !lease.isLost()).toList();
        if (held.isEmpty()) {
            renewing.set(false);
            return;
        }
        Instant sent = Instant.now();
        try {
            store.renew(tenant.name(), held.stream().map(ApplyLease::contact).toList())
                    .ifNoItem()
                    .after(lease.dividedBy(3))
                    .fail()
                    .subscribe()
                    .with(renewed -> recordRenewal(held, renewed, sent), this::renewalFailed);
        } catch (RuntimeException e) {
            renewalFailed(e);
        }
    }

    private void recordRenewal(List<ApplyLease> held, List<Boolean> renewed, Instant sent) {
        for (int i = 0; i < held.size(); i++) {
            if (renewed.get(i)) {
                held.get(i).renewed(sent);
            } else if (inFlight.contains(held.get(i))) {
                // Not an apply that ended while the renewal was out (its snapshot is gone): another claim has it.
                held.get(i).lost();
                LOG.warnf(
                        "Tenant %s: a lease was taken back during its apply; the apply makes no further call",
                        tenant.name());
            }
        }
        renewing.set(false);
    }

    private void renewalFailed(Throwable e) {
        LOG.debugf("Tenant %s: lease renewal failed: %s", tenant.name(), e.getMessage());
        renewing.set(false);
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
