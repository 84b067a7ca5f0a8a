package io.dialgate.callbacks;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.dialgate.tenant.Tenant;
import io.dialgate.tenant.Tenants;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Starts a callback worker for each tenant that subscribed, on a small shared scheduler (no thread per tenant), and
 * stops them on shutdown: no new rounds, sends in flight get a moment to finish, leases of the rest are given back.
 */
@ApplicationScoped
public class CallbackWorkers {

    private static final Logger LOG = Logger.getLogger(CallbackWorkers.class);
    private static final Duration DRAIN = Duration.ofSeconds(5);

    private final Tenants tenants;
    private final CallbackStore store;
    private final CallbackMetrics metrics;
    private final ObjectMapper json;
    private final CallbacksConfig delivery;
    private final List<TenantCallbackWorker> workers = new ArrayList<>();
    private final Map<String, TenantCallbackWorker> byTenant = new ConcurrentHashMap<>();
    private ScheduledExecutorService scheduler;
    private ExecutorService http;

    public CallbackWorkers(
            Tenants tenants,
            CallbackStore store,
            CallbackMetrics metrics,
            ObjectMapper json,
            CallbacksConfig delivery) {
        this.tenants = tenants;
        this.store = store;
        this.metrics = metrics;
        this.json = json;
        this.delivery = delivery;
    }

    void start(@Observes StartupEvent event) {
        List<Tenant> subscribed = tenants.all().stream()
                .filter(tenant -> tenant.callbacks().isPresent())
                .toList();
        if (subscribed.isEmpty()) {
            return;
        }
        if (delivery.lease().compareTo(delivery.timeout().plus(delivery.connectTimeout())) <= 0) {
            throw new IllegalArgumentException("The callback lease (dialgate.callbacks.lease) must exceed the "
                    + "callback timeout plus the connect timeout, or a live sender could lose its lease to another "
                    + "instance");
        }
        scheduler = Executors.newScheduledThreadPool(2, new DefaultThreadFactory("dialgate-callbacks", true));
        http = Executors.newFixedThreadPool(2, new DefaultThreadFactory("dialgate-callbacks-http", true));
        CallbackSender sender = new CallbackSender(json, delivery, metrics, http);
        RetryBackoff backoff = new RetryBackoff(delivery.backoffBase(), delivery.backoffCap());
        for (Tenant tenant : subscribed) {
            metrics.register(tenant.name());
            TenantCallbackWorker worker = new TenantCallbackWorker(
                    tenant,
                    store,
                    sender,
                    metrics,
                    backoff,
                    scheduler,
                    scheduler,
                    delivery.concurrencyPerTenant(),
                    delivery.pollInterval());
            workers.add(worker);
            byTenant.put(tenant.name(), worker);
            worker.wakeIn(0);
        }
        LOG.infof("Sending outcome callbacks for %d tenant(s)", workers.size());
    }

    /** Makes the tenant's worker look for due events now (a replayed dead letter). */
    void wake(String tenant) {
        TenantCallbackWorker worker = byTenant.get(tenant);
        if (worker != null) {
            worker.wakeIn(0);
        }
    }

    void stop(@Observes ShutdownEvent event) {
        if (scheduler == null) {
            return;
        }
        workers.forEach(TenantCallbackWorker::stop);
        try {
            for (TenantCallbackWorker worker : workers) {
                if (!worker.drain(DRAIN)) {
                    int released = worker.releaseInFlight();
                    LOG.infof("%d callback(s) still out after %s: their leases were given back", released, DRAIN);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        scheduler.shutdownNow();
        http.shutdown();
        try {
            http.awaitTermination(1, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
