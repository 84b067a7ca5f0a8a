package io.dialgate.tenant;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * A configured tenant with its Genesys endpoints resolved. {@link #toString()} leaves the secrets out, so a tenant can
 * be logged.
 */
public record Tenant(
        String name,
        URI apiUrl,
        URI loginUrl,
        String clientId,
        String clientSecret,
        int requestsPerMinute,
        List<String> ingestTokens,
        List<String> webhookSecrets,
        List<String> crmTokens,
        Duration activeDialTtl,
        Duration postCallGrace,
        PendingCaps pendingCaps,
        Optional<CallbackSubscription> callbacks,
        Watch watch,
        ApplyPolicy applyPolicy) {

    /** Most writes accepted and not yet ended, of the tenant and of one contact (see {@link TenantConfig}). */
    public record PendingCaps(int perTenant, int perContact) {}

    /**
     * How dialgate itself watches the tenant's dialer: its own notification channel (when {@code notifications}),
     * the campaigns whose status, queue and interactions it reads, extra topics, and how often it reconciles.
     */
    public record Watch(
            boolean notifications, List<String> campaigns, List<String> extraTopics, Duration reconcileInterval) {

        /** Reconciliation needs campaigns to read. */
        public boolean reconciles() {
            return !campaigns.isEmpty();
        }

        /** Whether one pod at a time must run something for this tenant (sockets, reconciliation). */
        public boolean needsLeader() {
            return notifications || reconciles();
        }
    }

    @Override
    public String toString() {
        return "Tenant[" + name + ", api=" + apiUrl + ", clientId=" + clientId + "]";
    }
}
