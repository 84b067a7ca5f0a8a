package io.dialgate.dispatch;

import io.dialgate.genesys.TenantConditions;
import io.dialgate.redis.StoreUnavailableException;
import io.dialgate.tenant.Tenant;
import io.dialgate.tenant.Tenants;
import io.micrometer.core.instrument.MeterRegistry;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Dispatches every tenant of this instance with a fixed number of threads, whatever the number of tenants:
 * {@code dispatch.claimers} dispatch threads take the tenants in the order {@link WakeUps} gives them (woken, or due)
 * and run each one's claim round, never two at once for one tenant; {@code dispatch.workers} apply threads apply what
 * was claimed. A tenant is claimed for only when woken or
 * due, so idle tenants cost nothing; one round per turn, and a tenant whose claim was full goes behind the others
 * woken meanwhile, so a deep backlog never starves another tenant. The leases of running applies are renewed from one
 * more thread ({@code dialgate-lease-}). On shutdown: stop claiming, let the applies in flight finish within the drain
 * time, hand back the leases of those that have no PUT out (another instance picks them up), and wait for the PUTs
 * that are out to be answered or time out, their leases renewed meanwhile.
 */
@ApplicationScoped
public class Dispatcher {

    private static final Logger LOG = Logger.getLogger(Dispatcher.class);
    private static final Duration REDIS_DOWN_PAUSE = Duration.ofSeconds(1);
    /** Longest a Genesys call can take (connect and read timeouts, GenesysClients), with a margin. */
    private static final Duration PUT_OUTSTANDING_WAIT = Duration.ofSeconds(16);

    private final Tenants tenants;
    private final DispatchStore store;
    private final ContactApplier applier;
    private final BulkApplier bulkApplier;
    private final WakeUps wakeUps;
    private final TenantConditions conditions;
    private final MeterRegistry metrics;
    private final DispatchConfig config;
    private final ApplySpans spans;
    private final Map<String, TenantDispatcher> loops = new LinkedHashMap<>();
    private Semaphore workers;
    private ExecutorService dispatchThreads;
    private ExecutorService applyPool;
    private ScheduledExecutorService leaseRenewal;
    private final AtomicLong nextSweep = new AtomicLong();
    private final AtomicInteger swept = new AtomicInteger();
    private List<String> sweepOrder = List.of();
    private volatile boolean running = true;

    public Dispatcher(
            Tenants tenants,
            DispatchStore store,
            ContactApplier applier,
            BulkApplier bulkApplier,
            WakeUps wakeUps,
            TenantConditions conditions,
            MeterRegistry metrics,
            DispatchConfig config,
            ApplySpans spans) {
        this.tenants = tenants;
        this.spans = spans;
        this.store = store;
        this.applier = applier;
        this.bulkApplier = bulkApplier;
        this.wakeUps = wakeUps;
        this.conditions = conditions;
        this.metrics = metrics;
        this.config = config;
    }

    void start(@Observes StartupEvent event) {
        workers = new Semaphore(config.workers());
        applyPool = Executors.newFixedThreadPool(config.workers(), new DefaultThreadFactory("dialgate-apply", true));
        for (Tenant tenant : tenants.all()) {
            loops.put(
                    tenant.name(),
                    new TenantDispatcher(
                            tenant,
                            store,
                            applier,
                            spans,
                            bulkApplier,
                            wakeUps,
                            conditions,
                            applyPool,
                            workers,
                            metrics,
                            config.concurrencyPerTenant(),
                            config.lease(),
                            config.applyDeadline()));
        }
        wakeUps.serve(loops.keySet());
        // One claim round per tenant to begin with: what is ready, and when the rest falls due.
        wakeUps.wakeAll();
        sweepOrder = List.copyOf(loops.keySet());
        nextSweep.set(System.nanoTime() + config.idleCheck().toNanos());
        dispatchThreads =
                Executors.newFixedThreadPool(config.claimers(), new DefaultThreadFactory("dialgate-dispatch", true));
        for (int i = 0; i < config.claimers(); i++) {
            dispatchThreads.execute(this::dispatch);
        }
        long renewEvery = Math.max(1, config.lease().toMillis() / 3);
        leaseRenewal = Executors.newSingleThreadScheduledExecutor(new DefaultThreadFactory("dialgate-lease", true));
        leaseRenewal.scheduleWithFixedDelay(
                () -> loops.values().forEach(TenantDispatcher::renewLeases),
                renewEvery,
                renewEvery,
                TimeUnit.MILLISECONDS);
        LOG.infof(
                "Dispatching for %d tenant(s) with %d claimer(s) and %d apply worker(s)",
                loops.size(), config.claimers(), config.workers());
    }

    /** One claimer's loop; {@code dispatch.claimers} of them run side by side, never two on one tenant. */
    private void dispatch() {
        while (running) {
            try {
                // A tenant's turn starts only when a worker can take what it claims.
                workers.acquire();
                workers.release();
                sweepIfDue();
                long untilSweep = TimeUnit.NANOSECONDS.toMillis(nextSweep.get() - System.nanoTime());
                Optional<String> tenant = wakeUps.next(Math.max(1, untilSweep));
                if (tenant.isPresent()) {
                    try {
                        round(loops.get(tenant.get()));
                    } finally {
                        wakeUps.done(tenant.get());
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** The backstop for a lost wake-up: one tenant per idle check, in turn, whatever their number. */
    private void sweepIfDue() {
        long due = nextSweep.get();
        if (System.nanoTime() - due >= 0
                && nextSweep.compareAndSet(
                        due, System.nanoTime() + config.idleCheck().toNanos())
                && !sweepOrder.isEmpty()) {
            wakeUps.sweep(sweepOrder.get(Math.floorMod(swept.getAndIncrement(), sweepOrder.size())));
        }
    }

    private void round(TenantDispatcher loop) throws InterruptedException {
        try {
            loop.claimRound();
        } catch (StoreUnavailableException e) {
            // Every tenant would fail alike: wait, then try this one again.
            LOG.debugf("Tenant %s: Redis unavailable, dispatch pauses: %s", loop.tenant(), e.getMessage());
            wakeUps.wake(loop.tenant());
            Thread.sleep(REDIS_DOWN_PAUSE.toMillis());
        } catch (RuntimeException e) {
            LOG.errorf(e, "Tenant %s: dispatch round failed", loop.tenant());
            wakeUps.dueIn(loop.tenant(), REDIS_DOWN_PAUSE.toMillis());
        }
    }

    void stop(@Observes ShutdownEvent event) {
        running = false;
        if (dispatchThreads == null) {
            return;
        }
        dispatchThreads.shutdownNow();
        try {
            dispatchThreads.awaitTermination(1, TimeUnit.SECONDS);
            ShutdownDrain.drainAll(List.copyOf(loops.values()), config.shutdownDrain());
            // A PUT that is out keeps its lease (renewed) until it is answered or times out.
            for (TenantDispatcher loop : loops.values()) {
                if (!loop.drain(PUT_OUTSTANDING_WAIT)) {
                    LOG.warnf(
                            "Tenant %s: a PUT was still unanswered %s after the drain; its lease runs out on its own",
                            loop.tenant(), PUT_OUTSTANDING_WAIT);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        leaseRenewal.shutdownNow();
        applyPool.shutdown();
        try {
            applyPool.awaitTermination(1, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
