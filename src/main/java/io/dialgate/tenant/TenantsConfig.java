package io.dialgate.tenant;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithParentName;

import java.util.Map;

/**
 * The tenants this deployment serves. Tenants are keyed by name; the name appears in every URL
 * ({@code /v1/tenants/{tenant}/...}) and in every Redis key of that tenant. Each feature reads its own settings from
 * its own mapping ({@code dialgate.dispatch}, {@code dialgate.writes}, ...); this one holds only the tenants.
 */
@ConfigMapping(prefix = "dialgate.tenants")
public interface TenantsConfig {

    /**
     * The tenants this deployment serves, by tenant name (lower-case letters, digits and dashes), e.g.
     * {@code dialgate.tenants."acme".crm-token}.
     */
    @WithParentName
    Map<String, TenantConfig> tenants();
}
