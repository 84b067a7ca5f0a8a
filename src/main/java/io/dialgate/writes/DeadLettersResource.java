package io.dialgate.writes;

import io.dialgate.http.Problems;
import io.dialgate.tenant.Tenant;
import io.dialgate.tenant.Tenants;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestHeader;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

import java.util.List;

/** Failed writes (newest first), and putting one back into the pipeline once its cause is fixed. */
@Path("/v1/tenants/{tenant}/dead-letters")
@Tag(name = "writes")
@SecurityRequirement(name = "crmToken")
@Produces(MediaType.APPLICATION_JSON)
public class DeadLettersResource {

    private static final int MAX_PAGE = 500;

    private final Tenants tenants;
    private final DeadLetters deadLetters;

    public DeadLettersResource(Tenants tenants, DeadLetters deadLetters) {
        this.tenants = tenants;
        this.deadLetters = deadLetters;
    }

    /** One page of dead letters; {@code next} is the offset of the following page, absent on the last one. */
    @RegisterForReflection
    public record Page(List<WriteStatus> items, long total, Long next) {}

    @GET
    @Operation(summary = "Failed writes, newest first")
    @APIResponse(
            responseCode = "200",
            description = "One page of dead letters.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "DeadLetterPage")))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "401", ref = "Unauthorized")
    @APIResponse(responseCode = "503", ref = "Unavailable")
    public Page list(
            @RestPath String tenant,
            @Parameter(hidden = true) @RestHeader(HttpHeaders.AUTHORIZATION) String authorization,
            @Parameter(description = "Dead letters to skip (0 or more).") @RestQuery @DefaultValue("0") long offset,
            @Parameter(description = "Page size, 1-" + MAX_PAGE + ".") @RestQuery @DefaultValue("50") int limit) {
        Tenant owner = tenants.authenticateCrm(tenant, authorization);
        if (offset < 0 || limit < 1 || limit > MAX_PAGE) {
            throw Problems.badRequest("offset must be 0 or more and limit 1-" + MAX_PAGE + ".");
        }
        return deadLetters.page(owner, offset, limit);
    }

    @POST
    @Path("/{writeId}:retry")
    @Operation(
            summary = "Send a failed write again",
            description =
                    "Once the cause is fixed (a permission, a column): "
                            + "the write's columns go back under any newer pending writes of its contact, and it is routed again.")
    @APIResponse(
            responseCode = "202",
            description = "Routed again: QUEUED, or HELD while the contact is in a dial.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "AcceptedWrite")))
    @APIResponse(responseCode = "401", ref = "Unauthorized")
    @APIResponse(responseCode = "404", ref = "NotFound")
    @APIResponse(
            responseCode = "409",
            description = "The write has not failed.",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(ref = "Problem")))
    @APIResponse(responseCode = "503", ref = "Unavailable")
    public Response retry(
            @RestPath String tenant,
            @RestPath String writeId,
            @Parameter(hidden = true) @RestHeader(HttpHeaders.AUTHORIZATION) String authorization) {
        Tenant owner = tenants.authenticateCrm(tenant, authorization);
        return Response.accepted(deadLetters.retry(owner, writeId)).build();
    }
}
