package io.dialgate.writes;

import io.dialgate.redis.StoreUnavailableException;
import io.dialgate.tenant.Tenant;
import io.dialgate.tenant.Tenants;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Gauges of each tenant's writes by state, the oldest held write and the dead letters, refreshed every 15 s from
 * Redis (stats.lua walks the tenant's sorted sets: too heavy to run at every scrape of every pod).
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
            gauge(metrics, "dialgate.writes.pending", name, "QUEUED", s -> s.queued());
            gauge(metrics, "dialgate.writes.pending", name, "HELD", s -> s.held());
            gauge(metrics, "dialgate.writes.pending", name, "IN_FLIGHT", s -> s.inFlight());
            Gauge.builder("dialgate.dead.letters", latest, m -> value(m, name, TenantStats::failed))
                    .tag("tenant", name).description("Failed writes kept as dead letters").register(metrics);
            Gauge.builder("dialgate.writes.oldest.held.seconds", latest, m -> value(m, name,
                            s -> s.oldestHeldSeconds() == null ? 0 : s.oldestHeldSeconds()))
                    .tag("tenant", name).description("Age of the tenant's oldest held write").register(metrics);
        }
    }

    private void gauge(MeterRegistry metrics, String name, String tenant, String state,
            java.util.function.ToLongFunction<TenantStats> value) {
        Gauge.builder(name, latest, m -> value(m, tenant, value)).tag("tenant", tenant).tag("state", state)
                .description("Writes by state").register(metrics);
    }

    private static double value(Map<String, TenantStats> latest, String tenant,
            java.util.function.ToLongFunction<TenantStats> value) {
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
