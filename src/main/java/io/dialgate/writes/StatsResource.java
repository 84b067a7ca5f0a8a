package io.dialgate.writes;

import io.dialgate.tenant.Tenant;
import io.dialgate.tenant.Tenants;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestHeader;
import org.jboss.resteasy.reactive.RestPath;

/** {@code GET /v1/tenants/{tenant}/stats}: the tenant's writes by state. */
@Path("/v1/tenants/{tenant}/stats")
@Tag(name = "writes")
@SecurityRequirement(name = "crmToken")
@Produces(MediaType.APPLICATION_JSON)
public class StatsResource {

    private final Tenants tenants;
    private final TenantStatsReader stats;

    public StatsResource(Tenants tenants, TenantStatsReader stats) {
        this.tenants = tenants;
        this.stats = stats;
    }

    @GET
    @Operation(summary = "The tenant's writes by state")
    @APIResponse(
            responseCode = "200",
            description = "Counts, the oldest held write, a pause.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "TenantStats")))
    @APIResponse(responseCode = "401", ref = "Unauthorized")
    @APIResponse(responseCode = "503", ref = "Unavailable")
    public TenantStats stats(
            @RestPath String tenant,
            @Parameter(hidden = true) @RestHeader(HttpHeaders.AUTHORIZATION) String authorization) {
        Tenant owner = tenants.authenticateCrm(tenant, authorization);
        return stats.read(owner);
    }
}
