package io.dialgate.writes;

import io.dialgate.tenant.Tenant;
import io.dialgate.tenant.Tenants;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import org.jboss.resteasy.reactive.RestHeader;
import org.jboss.resteasy.reactive.RestPath;

/** {@code GET /v1/tenants/{tenant}/stats}: the tenant's writes by state. */
@Path("/v1/tenants/{tenant}/stats")
@Produces(MediaType.APPLICATION_JSON)
public class StatsResource {

    private final Tenants tenants;
    private final TenantStatsReader stats;

    public StatsResource(Tenants tenants, TenantStatsReader stats) {
        this.tenants = tenants;
        this.stats = stats;
    }

    @GET
    public TenantStats stats(@RestPath String tenant, @RestHeader(HttpHeaders.AUTHORIZATION) String authorization) {
        Tenant owner = tenants.authenticateCrm(tenant, authorization);
        return stats.read(owner);
    }
}
