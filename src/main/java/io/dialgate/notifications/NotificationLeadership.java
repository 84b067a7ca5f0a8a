package io.dialgate.notifications;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.dialgate.events.EventIngest;
import io.dialgate.genesys.GenesysPlatform;
import io.dialgate.tenant.Tenants;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs, for every tenant with {@code notifications.enabled} or {@code campaigns}, the lease and — on the pod that holds
 * it — the channel set and reconciliation. One scheduler thread takes and renews the leases (Redis only, never
 * blocked by Genesys); the Genesys work of a led tenant runs on a small worker pool, one job per tenant at a time.
 * Tenants with neither setting cost nothing.
 */
@ApplicationScoped
public class NotificationLeadership {

    private static final Logger LOG = Logger.getLogger(NotificationLeadership.class);
    private static final AtomicInteger THREADS = new AtomicInteger();

    private final NotificationsConfig settings;
    private final NotificationsLease lease;
    private final Reconciler reconciler;
    private final GenesysPlatform genesys;
    private final EventIngest ingest;
    private final NotificationMeters meters;
    private final ObjectMapper json;
    private final List<TenantWatch> watched;
    private final String pod = podName();
    private ScheduledExecutorService scheduler;
    private ExecutorService workers;

    NotificationLeadership(
            Tenants tenants,
            NotificationsConfig config,
            NotificationsLease lease,
            Reconciler reconciler,
            GenesysPlatform genesys,
            EventIngest ingest,
            NotificationMeters meters,
            ObjectMapper json) {
        this.settings = config;
        this.lease = lease;
        this.reconciler = reconciler;
        this.genesys = genesys;
        this.ingest = ingest;
        this.meters = meters;
        this.json = json;
        this.watched = tenants.all().stream()
                .filter(t -> t.watch().needsLeader())
                .map(TenantWatch::new)
                .toList();
    }

    void start(@Observes StartupEvent startup) {
        for (TenantWatch watch : watched) {
            if (watch.tenant.watch().notifications()) {
                ChannelPlan.check(watch.tenant);
            }
            meters.tenant(watch.tenant.name());
        }
        if (watched.isEmpty()) {
            return;
        }
        scheduler = Executors.newSingleThreadScheduledExecutor(r -> thread(r, "dialgate-notifications-lease"));
        workers = Executors.newFixedThreadPool(
                Math.min(4, watched.size()), r -> thread(r, "dialgate-notifications-" + THREADS.incrementAndGet()));
        long every = settings.checkEvery().toMillis();
        scheduler.scheduleWithFixedDelay(this::tick, 0, every, TimeUnit.MILLISECONDS);
        LOG.infof("Notifications: pod %s watches %d tenant(s)", pod, watched.size());
    }

    void stop(@Observes ShutdownEvent shutdown) {
        if (scheduler == null) {
            return;
        }
        scheduler.shutdownNow();
        for (TenantWatch watch : watched) {
            if (watch.leader) {
                stepDown(watch, "this pod is stopping");
                try {
                    // give the lease back at once, so another pod takes over now rather than after the lease time
                    lease.release(watch.tenant, pod, settings.lease());
                } catch (RuntimeException e) {
                    LOG.debugf("Tenant %s: lease not released: %s", watch.tenant.name(), e.getMessage());
                }
            }
        }
        workers.shutdownNow();
    }

    /** Health details: each watched tenant, and what this pod does for it. */
    public Map<String, String> describe() {
        Map<String, String> details = new TreeMap<>();
        watched.forEach(watch -> details.put(watch.tenant.name(), watch.describe()));
        return details;
    }

    /** Tenants whose lease this pod holds. */
    public List<String> led() {
        return watched.stream().filter(w -> w.leader).map(w -> w.tenant.name()).toList();
    }

    private void tick() {
        long now = System.nanoTime();
        for (TenantWatch watch : watched) {
            try {
                if (now >= watch.nextLeaseNanos) {
                    renew(watch, now);
                }
                if (watch.leader && System.nanoTime() > watch.trustLeaseUntilNanos) {
                    stepDown(watch, "the lease could not be renewed in time");
                }
                if (watch.leader && watch.busy.compareAndSet(false, true)) {
                    workers.execute(() -> work(watch));
                }
            } catch (RuntimeException e) {
                LOG.warnf("Tenant %s: notifications: %s", watch.tenant.name(), e.getMessage());
            }
        }
    }

    private void renew(TenantWatch watch, long sentAt) {
        NotificationsLease.State state;
        try {
            state = lease.hold(watch.tenant, pod, settings.lease());
        } catch (RuntimeException e) {
            watch.nextLeaseNanos = sentAt + settings.checkEvery().toNanos();
            throw e;
        }
        watch.holder = state.holder();
        if (state.held()) {
            // the lease runs from when Redis saw the call, which is after it was sent: trust it a margin less
            watch.trustLeaseUntilNanos = sentAt
                    + settings.lease()
                            .minus(settings.checkEvery().multipliedBy(2))
                            .toNanos();
            watch.nextLeaseNanos = sentAt + settings.renewEvery().toNanos();
            if (!watch.leader) {
                becomeLeader(watch, state.epoch());
            }
            return;
        }
        if (watch.leader) {
            stepDown(watch, "pod " + state.holder() + " holds the lease");
        }
        // a free lease is tried for the moment it expires, so a dead holder is replaced within the lease time
        Duration wait = state.left().plusMillis(20);
        watch.nextLeaseNanos = sentAt + Math.min(settings.renewEvery().toNanos(), wait.toNanos());
    }

    private void becomeLeader(TenantWatch watch, long epoch) {
        watch.leader = true;
        watch.epoch = epoch;
        watch.gap.set(true);
        meters.tenant(watch.tenant.name()).leader = 1;
        meters.leaderChanged(watch.tenant.name());
        if (watch.tenant.watch().notifications()) {
            watch.channels = new TenantChannels(
                    watch.tenant, settings, genesys, ingest, meters, json, watch.campaigns, () -> watch.gap.set(true));
        }
        LOG.infof(
                "Tenant %s: pod %s now leads the notification channels and reconciliation (lease epoch %d)",
                watch.tenant.name(), pod, epoch);
    }

    private void stepDown(TenantWatch watch, String why) {
        watch.leader = false;
        meters.tenant(watch.tenant.name()).leader = 0;
        TenantChannels channels = watch.channels;
        watch.channels = null;
        if (channels != null) {
            channels.stop();
        }
        LOG.infof("Tenant %s: pod %s no longer leads: %s", watch.tenant.name(), pod, why);
    }

    /** The Genesys work of one led tenant: its channels, then a reconciliation when one is due. */
    private void work(TenantWatch watch) {
        try {
            TenantChannels channels = watch.channels;
            if (channels != null) {
                channels.supervise();
            }
            if (watch.leader && reconcileDue(watch)) {
                boolean afterGap = watch.gap.getAndSet(false);
                watch.lastReconcileNanos = System.nanoTime();
                Reconciler.Round round = reconciler.reconcile(watch.tenant, watch.campaigns);
                if (!round.complete() && afterGap) {
                    watch.gap.set(true);
                }
                if (round.started() + round.ended() > 0) {
                    LOG.infof(
                            "Tenant %s: reconcile%s: %d dial(s) started, %d ended",
                            watch.tenant.name(), afterGap ? " after a gap" : "", round.started(), round.ended());
                }
                if (channels != null && !watch.campaigns.isEmpty()) {
                    channels.topicsChanged();
                }
            }
        } catch (RuntimeException e) {
            LOG.warnf("Tenant %s: notifications work failed: %s", watch.tenant.name(), e.getMessage());
        } finally {
            watch.busy.set(false);
        }
    }

    private static boolean reconcileDue(TenantWatch watch) {
        if (!watch.tenant.watch().reconciles()) {
            watch.gap.set(false);
            return false;
        }
        Duration interval = watch.tenant.watch().reconcileInterval();
        return watch.gap.get()
                || (!interval.isZero() && System.nanoTime() - watch.lastReconcileNanos >= interval.toNanos());
    }

    private static Thread thread(Runnable runnable, String name) {
        Thread thread = new Thread(runnable, name);
        thread.setDaemon(true);
        return thread;
    }

    private static String podName() {
        String host = System.getenv("HOSTNAME");
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        return (host == null || host.isBlank() ? "dialgate" : host) + "-" + suffix;
    }
}
