package io.dialgate.tenant;

import java.net.URI;
import java.time.Duration;
import java.util.List;

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
        ApplyPolicy applyPolicy) {

    /** Most writes accepted and not yet ended, of the tenant and of one contact (see {@link TenantConfig}). */
    public record PendingCaps(int perTenant, int perContact) {}

    @Override
    public String toString() {
        return "Tenant[" + name + ", api=" + apiUrl + ", clientId=" + clientId + "]";
    }
}
