package io.dialgate.writes;

import io.dialgate.metrics.Metric;
import io.dialgate.redis.StoreUnavailableException;
import io.dialgate.tenant.Tenant;
import io.dialgate.tenant.Tenants;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.ToLongFunction;

/**
 * Gauges of each tenant's writes by state, the oldest held write and the dead letters, refreshed every 15 s from
 * Redis (stats.lua reads counters, O(1), but a scrape should never wait on Redis).
 */
@ApplicationScoped
public class WriteGauges {

    private final Tenants tenants;
    private final TenantStatsReader reader;
    private final Map<String, TenantStats> latest = new ConcurrentHashMap<>();

    public WriteGauges(Tenants tenants, TenantStatsReader reader, MeterRegistry metrics) {
        this.tenants = tenants;
        this.reader = reader;
        for (Tenant tenant : tenants.all()) {
            String name = tenant.name();
            gauge(metrics, name, "QUEUED", TenantStats::queued);
            gauge(metrics, name, "HELD", TenantStats::held);
            gauge(metrics, name, "IN_FLIGHT", TenantStats::inFlight);
            Metric.DEAD_LETTERS.gauge(metrics, latest, m -> value(m, name, TenantStats::failed), name);
            Metric.WRITES_OLDEST_HELD.gauge(
                    metrics,
                    latest,
                    m -> value(m, name, s -> s.oldestHeldSeconds() == null ? 0 : s.oldestHeldSeconds()),
                    name);
        }
    }

    private void gauge(MeterRegistry metrics, String tenant, String state, ToLongFunction<TenantStats> value) {
        Metric.WRITES_PENDING.gauge(metrics, latest, m -> value(m, tenant, value), tenant, state);
    }

    private static double value(Map<String, TenantStats> latest, String tenant, ToLongFunction<TenantStats> value) {
        TenantStats stats = latest.get(tenant);
        return stats == null ? Double.NaN : value.applyAsLong(stats);
    }

    @Scheduled(every = "15s", delayed = "5s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void refresh() {
        for (Tenant tenant : tenants.all()) {
            try {
                latest.put(tenant.name(), reader.read(tenant));
            } catch (StoreUnavailableException e) {
                latest.remove(tenant.name());
            }
        }
    }
}
