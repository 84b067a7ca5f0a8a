package io.dialgate.callbacks;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Every meter of the callback path, in one place: delivered, failed attempts and dead letters per tenant, the queue
 * depth and the breaker. Tags carry only the tenant name and the event type, never a URL or a secret.
 */
@ApplicationScoped
public class CallbackMetrics {

    private final MeterRegistry registry;
    private final Map<String, AtomicLong> queued = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> breakerOpen = new ConcurrentHashMap<>();

    public CallbackMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    void register(String tenant) {
        Gauge.builder("dialgate.callbacks.queued", gaugeOf(queued, tenant), AtomicLong::get).tag("tenant", tenant)
                .description("Callback events stored and not yet delivered or dead-lettered").register(registry);
        Gauge.builder("dialgate.callbacks.circuit.open", gaugeOf(breakerOpen, tenant), AtomicLong::get)
                .tag("tenant", tenant).description("1 while the tenant's callback breaker is open").register(registry);
    }

    void delivered(String tenant, String type) {
        registry.counter("dialgate.callbacks.sent", "tenant", tenant, "type", type).increment();
    }

    void failedAttempt(String tenant) {
        registry.counter("dialgate.callbacks.failed", "tenant", tenant).increment();
    }

    void deadLettered(String tenant) {
        registry.counter("dialgate.callbacks.dead.lettered", "tenant", tenant).increment();
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
