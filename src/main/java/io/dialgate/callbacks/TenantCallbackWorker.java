package io.dialgate.callbacks;

import io.dialgate.redis.StoreUnavailableException;
import io.dialgate.tenant.CallbackSubscription;
import io.dialgate.tenant.Tenant;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * One tenant's callback worker: a round leases the due events (one per contact at most, so a contact's events go in
 * order), sends each without blocking, records each outcome, and schedules the next round. It owns no thread: rounds
 * run on the shared scheduler and sends on the HTTP client, and never more than {@code concurrency} events of the
 * tenant are out at once — a slow CRM fills only its own tenant's slots.
 */
final class TenantCallbackWorker {

    private static final Logger LOG = Logger.getLogger(TenantCallbackWorker.class);
    private static final Duration STORE_DOWN_PAUSE = Duration.ofSeconds(1);

    private final Tenant tenant;
    private final CallbackSubscription subscription;
    private final CallbackStore store;
    private final CallbackSender sender;
    private final CallbackMetrics metrics;
    private final RetryBackoff backoff;
    private final ScheduledExecutorService scheduler;
    private final Executor completions;
    private final Semaphore slots;
    private final int concurrency;
    private final long pollMillis;
    private final Set<QueuedCallback> inFlight = ConcurrentHashMap.newKeySet();
    private ScheduledFuture<?> nextRound;
    private long nextRoundAt = Long.MAX_VALUE;
    private volatile boolean running = true;

    TenantCallbackWorker(
            Tenant tenant,
            CallbackStore store,
            CallbackSender sender,
            CallbackMetrics metrics,
            RetryBackoff backoff,
            ScheduledExecutorService scheduler,
            Executor completions,
            int concurrency,
            Duration pollInterval) {
        this.tenant = tenant;
        this.subscription = tenant.callbacks().orElseThrow();
        this.store = store;
        this.sender = sender;
        this.metrics = metrics;
        this.backoff = backoff;
        this.scheduler = scheduler;
        this.completions = completions;
        this.concurrency = concurrency;
        this.slots = new Semaphore(concurrency);
        this.pollMillis = pollInterval.toMillis();
    }

    /** Schedules a round after {@code delayMillis}, unless one is already due sooner. */
    synchronized void wakeIn(long delayMillis) {
        if (!running) {
            return;
        }
        long at = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(delayMillis);
        if (nextRound != null && !nextRound.isDone() && nextRoundAt <= at) {
            return;
        }
        if (nextRound != null) {
            nextRound.cancel(false);
        }
        nextRoundAt = at;
        nextRound = scheduler.schedule(this::round, delayMillis, TimeUnit.MILLISECONDS);
    }

    private void round() {
        synchronized (this) {
            // This round is running: a wake-up from here on must schedule the next one.
            nextRound = null;
            nextRoundAt = Long.MAX_VALUE;
        }
        long sleep;
        try {
            sleep = claimAndSend();
        } catch (StoreUnavailableException e) {
            LOG.debugf("Tenant %s: Redis unavailable, callbacks pause: %s", tenant.name(), e.getMessage());
            sleep = STORE_DOWN_PAUSE.toMillis();
        } catch (RuntimeException e) {
            LOG.errorf(e, "Tenant %s: callback round failed", tenant.name());
            sleep = STORE_DOWN_PAUSE.toMillis();
        }
        if (sleep >= 0) {
            wakeIn(sleep);
        }
    }

    /** One claim round; returns how long until the next (-1: the next comes when a slot frees). */
    private synchronized long claimAndSend() {
        if (!running) {
            return -1;
        }
        int free = slots.availablePermits();
        if (free == 0) {
            return -1;
        }
        CallbackStore.Claim claim = store.claim(tenant.name(), free);
        metrics.queued(tenant.name(), claim.queued());
        if (claim.reclaimedLeases() > 0) {
            LOG.infof(
                    "Tenant %s: %d callback(s) whose sender died are sent again",
                    tenant.name(), claim.reclaimedLeases());
        }
        if (!claim.events().isEmpty()) {
            LOG.debugf(
                    "Tenant %s: sending %d callback(s), %d queued",
                    tenant.name(), claim.events().size(), claim.queued());
        }
        for (QueuedCallback event : claim.events()) {
            slots.acquireUninterruptibly();
            inFlight.add(event);
            send(event);
        }
        if (claim.events().size() == free) {
            return -1;
        }
        if (claim.nextDueMillis() < 0) {
            return pollMillis;
        }
        return Math.max(1, Math.min(pollMillis, claim.nextDueMillis() - claim.nowMillis()));
    }

    private void send(QueuedCallback event) {
        Optional<Duration> budgetWait = store.takeBudget(tenant, subscription);
        if (budgetWait.isPresent()) {
            record(event, new AttemptResult.NotSent("send budget", budgetWait.get()));
            return;
        }
        sender.send(tenant, subscription, event)
                .whenCompleteAsync(
                        (result, error) -> record(
                                event,
                                error == null
                                        ? result
                                        : new AttemptResult.Failed(
                                                "no answer: " + error.getClass().getSimpleName())),
                        completions);
    }

    private void record(QueuedCallback event, AttemptResult result) {
        try {
            CallbackStore.Recorded recorded = store.complete(tenant, event, result, backoff.after(event.attempt()));
            LOG.debugf("Tenant %s: callback %s attempt %d: %s", tenant.name(), event.id(), event.attempt(), recorded);
            count(event, result, recorded);
        } catch (RuntimeException e) {
            // The lease expires and the event is sent again under the same id; nothing is lost.
            LOG.warnf(
                    "Tenant %s: could not record a callback attempt (%s); it will be sent again",
                    tenant.name(), e.getClass().getSimpleName());
        } finally {
            inFlight.remove(event);
            slots.release();
            wakeIn(0);
        }
    }

    private void count(QueuedCallback event, AttemptResult result, CallbackStore.Recorded recorded) {
        switch (recorded) {
            case DELIVERED -> metrics.delivered(tenant.name(), event.type());
            case RETRY -> {
                metrics.failedAttempt(tenant.name());
                LOG.debugf(
                        "Tenant %s: callback %s attempt %d failed (%s); retrying",
                        tenant.name(), event.id(), event.attempt(), ((AttemptResult.Failed) result).reason());
            }
            case DEAD -> {
                metrics.failedAttempt(tenant.name());
                metrics.deadLettered(tenant.name());
                LOG.warnf(
                        "Tenant %s: callback %s (%s) failed for its whole retry window: dead-lettered",
                        tenant.name(), event.id(), event.type());
            }
            case LOST ->
                LOG.infof("Tenant %s: the lease of callback %s expired during its attempt", tenant.name(), event.id());
            case DEFERRED -> {
                // not sent: budget, breaker or shutdown; not an attempt
            }
        }
    }

    /** Stops scheduling rounds; sends in flight still record their outcome. */
    synchronized void stop() {
        running = false;
        if (nextRound != null) {
            nextRound.cancel(false);
        }
    }

    /** Waits for this tenant's sends in flight; true when all finished in time. */
    boolean drain(Duration timeout) throws InterruptedException {
        if (slots.tryAcquire(concurrency, timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            slots.release(concurrency);
            return true;
        }
        return false;
    }

    /** Gives the leases of sends still out back at once, so another instance sends them now (same id). */
    int releaseInFlight() {
        int released = 0;
        for (QueuedCallback event : inFlight) {
            if (store.complete(tenant, event, new AttemptResult.NotSent("shutdown", Duration.ZERO), Duration.ZERO)
                    == CallbackStore.Recorded.DEFERRED) {
                released++;
            }
        }
        return released;
    }
}
