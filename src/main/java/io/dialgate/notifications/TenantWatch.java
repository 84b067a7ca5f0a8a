package io.dialgate.notifications;

import io.dialgate.tenant.Tenant;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * This pod's view of one watched tenant: whether it holds the lease (and until when it may believe so), its channel
 * set while it does, what it knows of the campaigns, and whether a reconciliation is due after a gap.
 */
final class TenantWatch {

    final Tenant tenant;
    final Map<String, CampaignFacts> campaigns = new ConcurrentHashMap<>();
    final AtomicBoolean busy = new AtomicBoolean();
    final AtomicBoolean gap = new AtomicBoolean();
    volatile boolean leader;
    volatile String holder = "";
    volatile long epoch;
    volatile long nextLeaseNanos;
    /** Past this, an unrenewed lease may already belong to another pod: stop before that can happen. */
    volatile long trustLeaseUntilNanos;

    volatile long lastReconcileNanos;
    volatile TenantChannels channels;

    TenantWatch(Tenant tenant) {
        this.tenant = tenant;
    }

    /** Health detail: what this pod does for the tenant. */
    String describe() {
        if (!leader) {
            return holder.isEmpty() ? "no pod holds the lease yet" : "follower (lease held by " + holder + ")";
        }
        TenantChannels running = channels;
        return running == null ? "leader (reconciliation only)" : running.describe();
    }
}
