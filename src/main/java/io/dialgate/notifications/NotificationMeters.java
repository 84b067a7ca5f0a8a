package io.dialgate.notifications;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.ToDoubleFunction;

/**
 * Every meter of this package, per tenant, in one place so that they can move into the metric catalogue as a whole.
 * Prometheus names: {@code dialgate_notifications_socket_connected} (0/1: every channel of the tenant has an open
 * socket; the dashboard and alert use this name), {@code dialgate_notifications_leader} (0/1),
 * {@code dialgate_notifications_leader_changes_total}, {@code dialgate_notifications_reconnects_total{cause}},
 * {@code dialgate_notifications_heartbeat_age_seconds}, {@code dialgate_notifications_topics},
 * {@code dialgate_notifications_events_total}, {@code dialgate_reconcile_corrections_total{kind}}, and
 * {@code dialgate_dial_releases_total{path="reconcile"}}.
 */
@ApplicationScoped
public class NotificationMeters {

    private final MeterRegistry registry;
    private final Map<String, TenantGauges> gauges = new ConcurrentHashMap<>();

    public NotificationMeters(MeterRegistry registry) {
        this.registry = registry;
    }

    /** The gauge values of one tenant, read by the registry when scraped. */
    static final class TenantGauges {
        volatile double connected;
        volatile double leader;
        volatile double topics;
        volatile long lastHeartbeatNanos = -1;
    }

    TenantGauges tenant(String tenant) {
        return gauges.computeIfAbsent(tenant, name -> {
            TenantGauges values = new TenantGauges();
            gauge("dialgate.notifications.socket.connected", name, values, v -> v.connected);
            gauge("dialgate.notifications.leader", name, values, v -> v.leader);
            gauge("dialgate.notifications.topics", name, values, v -> v.topics);
            Gauge.builder("dialgate.notifications.heartbeat.age", values, v -> v.lastHeartbeatNanos < 0 ? Double.NaN
                            : (System.nanoTime() - v.lastHeartbeatNanos) / 1e9)
                    .baseUnit("seconds").tag("tenant", name).register(registry);
            return values;
        });
    }

    private void gauge(String meter, String tenant, TenantGauges values, ToDoubleFunction<TenantGauges> value) {
        Gauge.builder(meter, values, value).tag("tenant", tenant).strongReference(true).register(registry);
    }

    void reconnected(String tenant, String cause) {
        registry.counter("dialgate.notifications.reconnects", "tenant", tenant, "cause", cause).increment();
    }

    void leaderChanged(String tenant) {
        registry.counter("dialgate.notifications.leader.changes", "tenant", tenant).increment();
    }

    void eventReceived(String tenant) {
        registry.counter("dialgate.notifications.events", "tenant", tenant).increment();
    }

    void corrected(String tenant, String kind) {
        registry.counter("dialgate.reconcile.corrections", "tenant", tenant, "kind", kind).increment();
    }

    void releasedByReconcile(String tenant) {
        registry.counter("dialgate.dial.releases", "tenant", tenant, "path", "reconcile").increment();
    }
}
