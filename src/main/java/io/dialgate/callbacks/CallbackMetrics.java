package io.dialgate.callbacks;

import io.dialgate.metrics.CounterFamily;
import io.dialgate.metrics.Metric;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The meters of the callback path, made from the catalogue ({@code Metric.CALLBACKS_*}): delivered, failed attempts
 * and dead letters per tenant, the queue depth and the breaker. Tags carry only the tenant name and the event type,
 * never a URL or a secret.
 */
@ApplicationScoped
public class CallbackMetrics {

    private final MeterRegistry registry;
    private final CounterFamily sent;
    private final CounterFamily failed;
    private final CounterFamily deadLettered;
    private final Map<String, AtomicLong> queued = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> breakerOpen = new ConcurrentHashMap<>();

    public CallbackMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.sent = Metric.CALLBACKS_SENT.counters(registry);
        this.failed = Metric.CALLBACKS_FAILED.counters(registry);
        this.deadLettered = Metric.CALLBACKS_DEAD_LETTERED.counters(registry);
    }

    /** Registers the tenant's gauges and its counters at 0, so {@code increase()} sees their first step. */
    void register(String tenant) {
        Metric.CALLBACKS_QUEUED.gauge(registry, gaugeOf(queued, tenant), AtomicLong::get, tenant);
        Metric.CALLBACKS_CIRCUIT_OPEN.gauge(registry, gaugeOf(breakerOpen, tenant), AtomicLong::get, tenant);
        failed.with(tenant);
        deadLettered.with(tenant);
    }

    void delivered(String tenant, String type) {
        sent.with(tenant, type).increment();
    }

    void failedAttempt(String tenant) {
        failed.with(tenant).increment();
    }

    void deadLettered(String tenant) {
        deadLettered.with(tenant).increment();
    }

    void queued(String tenant, long events) {
        gaugeOf(queued, tenant).set(events);
    }

    void breakerOpen(String tenant, boolean open) {
        gaugeOf(breakerOpen, tenant).set(open ? 1 : 0);
    }

    private static AtomicLong gaugeOf(Map<String, AtomicLong> gauges, String tenant) {
        return gauges.computeIfAbsent(tenant, name -> new AtomicLong());
    }
}
