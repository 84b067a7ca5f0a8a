package io.dialgate.state;

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

/** Tells the CRM whether the dialer is working a contact, and how many of its writes wait. */
@Path("/v1/tenants/{tenant}/contactlists/{contactListId}/contacts/{contactId}/dial-state")
@Tag(name = "dial state")
@SecurityRequirement(name = "crmToken")
@Produces(MediaType.APPLICATION_JSON)
public class DialStateResource {

    private final Tenants tenants;
    private final DialStateStore states;

    public DialStateResource(Tenants tenants, DialStateStore states) {
        this.tenants = tenants;
        this.states = states;
    }

    @GET
    @Operation(summary = "Whether the dialer is working a contact")
    @APIResponse(
            responseCode = "200",
            description = "The contact's dial state and its pending writes.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "DialState")))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "401", ref = "Unauthorized")
    @APIResponse(responseCode = "503", ref = "Unavailable")
    public DialState dialState(
            @RestPath String tenant,
            @RestPath String contactListId,
            @RestPath String contactId,
            @Parameter(hidden = true) @RestHeader(HttpHeaders.AUTHORIZATION) String authorization) {
        Tenant owner = tenants.authenticateCrm(tenant, authorization);
        return states.read(owner, ContactIds.contact(contactListId, contactId));
    }
}
