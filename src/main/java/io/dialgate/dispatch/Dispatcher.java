package io.dialgate.dispatch;

import io.dialgate.genesys.TenantConditions;
import io.dialgate.tenant.Tenant;
import io.dialgate.tenant.Tenants;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Starts a dispatch loop per tenant at start-up and stops them on shutdown: stop claiming, let the applies in flight
 * finish within the drain time, hand back the leases of those that have no PUT out (another instance picks them up),
 * and wait for the PUTs that are out to be answered or time out, their leases renewed meanwhile.
 */
@ApplicationScoped
public class Dispatcher {

    private static final Logger LOG = Logger.getLogger(Dispatcher.class);
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
    private final List<TenantDispatcher> loops = new ArrayList<>();
    private ExecutorService loopThreads;
    private ExecutorService applyPool;
    private ScheduledExecutorService leaseRenewal;

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
        int tenantCount = Math.max(1, tenants.all().size());
        loopThreads = Executors.newFixedThreadPool(tenantCount, named("dialgate-dispatch-"));
        applyPool = Executors.newFixedThreadPool(tenantCount * config.concurrencyPerTenant(), named("dialgate-apply-"));
        for (Tenant tenant : tenants.all()) {
            TenantDispatcher loop = new TenantDispatcher(
                    tenant,
                    store,
                    applier,
                    spans,
                    bulkApplier,
                    wakeUps,
                    conditions,
                    applyPool,
                    metrics,
                    config.concurrencyPerTenant(),
                    config.idleCheck(),
                    config.lease(),
                    config.applyDeadline());
            loops.add(loop);
            loopThreads.execute(loop);
        }
        long renewEvery = Math.max(1, config.lease().toMillis() / 3);
        leaseRenewal = Executors.newSingleThreadScheduledExecutor(named("dialgate-lease-"));
        leaseRenewal.scheduleWithFixedDelay(
                () -> loops.forEach(TenantDispatcher::renewLeases), renewEvery, renewEvery, TimeUnit.MILLISECONDS);
        LOG.infof("Dispatching for %d tenant(s)", loops.size());
    }

    void stop(@Observes ShutdownEvent event) {
        loops.forEach(TenantDispatcher::stop);
        try {
            ShutdownDrain.drainAll(loops, config.shutdownDrain());
            // A PUT that is out keeps its lease (renewed) until it is answered or times out.
            for (TenantDispatcher loop : loops) {
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
        loopThreads.shutdownNow();
        applyPool.shutdown();
        try {
            applyPool.awaitTermination(1, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static java.util.concurrent.ThreadFactory named(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
