package io.dialgate.writes;

import io.dialgate.dispatch.WakeUps;
import io.dialgate.metrics.Metric;
import io.dialgate.redis.StoreUnavailableException;
import io.dialgate.tenant.Tenant;
import io.dialgate.tenant.Tenants;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.ToLongFunction;

/**
 * Gauges of each tenant's writes by state, the oldest held write and the dead letters, read from Redis (stats.lua
 * reads counters, O(1), but a scrape should never wait on Redis). Every 15 s the tenants with activity in the last
 * {@link #ACTIVE_WINDOW} are read again, and one other tenant in turn: an idle tenant's counts do not change, and
 * reading all of them every 15 s would make the idle cost grow with the number of tenants (1,000 tenants: 67 scripts/s
 * per pod).
 */
@ApplicationScoped
public class WriteGauges {

    /**
     * How long after a tenant's last wake-up or working claim its counts are still read every 15 s: long enough for
     * the applies of other pods that follow a wake-up to end (their lease, 30 s by default, many times over).
     */
    static final Duration ACTIVE_WINDOW = Duration.ofMinutes(5);

    private final Tenants tenants;
    private final TenantStatsReader reader;
    private final WakeUps activity;
    private final Map<String, TenantStats> latest = new ConcurrentHashMap<>();
    private int idleTurn;

    public WriteGauges(Tenants tenants, TenantStatsReader reader, WakeUps activity, MeterRegistry metrics) {
        this.tenants = tenants;
        this.reader = reader;
        this.activity = activity;
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
        List<Tenant> all = List.copyOf(tenants.all());
        if (all.isEmpty()) {
            return;
        }
        Tenant idle = all.get(Math.floorMod(idleTurn++, all.size()));
        for (Tenant tenant : all) {
            if (tenant == idle
                    || !latest.containsKey(tenant.name())
                    || activity.activeWithin(tenant.name(), ACTIVE_WINDOW)) {
                read(tenant);
            }
        }
    }

    private void read(Tenant tenant) {
        try {
            latest.put(tenant.name(), reader.read(tenant));
        } catch (StoreUnavailableException e) {
            latest.remove(tenant.name());
        }
    }
}
