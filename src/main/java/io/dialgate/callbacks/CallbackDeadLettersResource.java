package io.dialgate.callbacks;

import com.fasterxml.jackson.databind.ObjectMapper;
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

/** Callbacks that failed for their whole retry window (newest first), and replaying one once the CRM is fixed. */
@Path("/v1/tenants/{tenant}/callbacks/dead-letters")
@Tag(name = "callbacks")
@SecurityRequirement(name = "crmToken")
@Produces(MediaType.APPLICATION_JSON)
public class CallbackDeadLettersResource {

    private static final int MAX_PAGE = 500;

    private final Tenants tenants;
    private final CallbackStore store;
    private final ObjectMapper json;
    private final CallbackWorkers wakeUps;

    public CallbackDeadLettersResource(
            Tenants tenants, CallbackStore store, ObjectMapper json, CallbackWorkers wakeUps) {
        this.tenants = tenants;
        this.store = store;
        this.json = json;
        this.wakeUps = wakeUps;
    }

    /** One page; {@code next} is the offset of the following page, absent on the last one. */
    @RegisterForReflection
    public record Page(List<CallbackDeadLetter> items, long total, Long next) {}

    /** The answer to a replay: the event is queued again under its id. */
    @RegisterForReflection
    public record Replayed(String id, String state) {}

    @GET
    @Operation(summary = "Callbacks given up on, newest first")
    @APIResponse(
            responseCode = "200",
            description = "One page of callback dead letters.",
            content =
                    @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "CallbackDeadLetterPage")))
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
        CallbackStore.CallbackDeadLetterPage page = store.deadLetters(owner, offset, limit);
        return new Page(
                page.items().stream()
                        .map(item -> CallbackDeadLetter.of(item.id(), item.fields(), json))
                        .toList(),
                page.total(),
                page.next());
    }

    @POST
    @Path("/{id}:retry")
    @Operation(summary = "Send a callback again", description = "Queues the event again under its webhook-id.")
    @APIResponse(
            responseCode = "202",
            description = "Queued again.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "CallbackReplayed")))
    @APIResponse(responseCode = "401", ref = "Unauthorized")
    @APIResponse(responseCode = "404", ref = "NotFound")
    @APIResponse(
            responseCode = "409",
            description = "The callback is not a dead letter.",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(ref = "Problem")))
    @APIResponse(responseCode = "503", ref = "Unavailable")
    public Response retry(
            @RestPath String tenant,
            @RestPath String id,
            @Parameter(hidden = true) @RestHeader(HttpHeaders.AUTHORIZATION) String authorization) {
        Tenant owner = tenants.authenticateCrm(tenant, authorization);
        CallbackStore.Replay replay = store.replay(owner, id);
        if (replay instanceof CallbackStore.Replay.NotFound) {
            throw new UnknownCallbackException(id);
        }
        if (replay instanceof CallbackStore.Replay.NotDeadLettered) {
            throw new CallbackNotDeadLetteredException(id);
        }
        wakeUps.wake(owner.name());
        return Response.accepted(new Replayed(id, "QUEUED")).build();
    }
}
