package io.dialgate.notifications;

import io.dialgate.metrics.CounterFamily;
import io.dialgate.metrics.Metric;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The meters of this package, per tenant, all from the catalogue ({@link Metric}): the socket gauge the dashboard and
 * alert use ({@code dialgate_notifications_socket_connected}), leader, leader changes, reconnects by cause, heartbeat
 * age, topics, events received, reconcile corrections by kind, and releases with path {@code reconcile}.
 */
@ApplicationScoped
public class NotificationMeters {

    private final MeterRegistry registry;
    private final Map<String, TenantGauges> gauges = new ConcurrentHashMap<>();
    private final CounterFamily reconnects;
    private final CounterFamily leaderChanges;
    private final CounterFamily events;
    private final CounterFamily corrections;
    private final CounterFamily releases;

    public NotificationMeters(MeterRegistry registry) {
        this.registry = registry;
        this.reconnects = Metric.NOTIFICATIONS_RECONNECTS.counters(registry);
        this.leaderChanges = Metric.NOTIFICATIONS_LEADER_CHANGES.counters(registry);
        this.events = Metric.NOTIFICATIONS_EVENTS.counters(registry);
        this.corrections = Metric.RECONCILE_CORRECTIONS.counters(registry);
        this.releases = Metric.DIAL_RELEASES.counters(registry);
    }

    /** The gauge values of one tenant, read by the registry when scraped. */
    static final class TenantGauges {
        volatile double connected;
        volatile double leader;
        volatile double topics;
        volatile long lastHeartbeatNanos = -1;

        double heartbeatAge() {
            return lastHeartbeatNanos < 0 ? Double.NaN : (System.nanoTime() - lastHeartbeatNanos) / 1e9;
        }
    }

    /** The tenant's gauges, registered on first use (only tenants with notifications or campaigns get them). */
    TenantGauges tenant(String tenant) {
        return gauges.computeIfAbsent(tenant, name -> {
            TenantGauges values = new TenantGauges();
            Metric.NOTIFICATIONS_SOCKET_CONNECTED.gauge(registry, values, v -> v.connected, name);
            Metric.NOTIFICATIONS_LEADER.gauge(registry, values, v -> v.leader, name);
            Metric.NOTIFICATIONS_TOPICS.gauge(registry, values, v -> v.topics, name);
            Metric.NOTIFICATIONS_HEARTBEAT_AGE.gauge(registry, values, TenantGauges::heartbeatAge, name);
            return values;
        });
    }

    void reconnected(String tenant, String cause) {
        reconnects.with(tenant, cause).increment();
    }

    void leaderChanged(String tenant) {
        leaderChanges.with(tenant).increment();
    }

    void eventReceived(String tenant) {
        events.with(tenant).increment();
    }

    void corrected(String tenant, String kind) {
        corrections.with(tenant, kind).increment();
    }

    void releasedByReconcile(String tenant) {
        releases.with(tenant, "reconcile").increment();
    }
}
