package io.dialgate.writes;

import io.dialgate.http.JsonBody;
import io.dialgate.metrics.CounterFamily;
import io.dialgate.metrics.Metric;
import io.dialgate.state.ContactIds;
import io.dialgate.state.ContactRef;
import io.dialgate.tenant.Tenant;
import io.dialgate.tenant.Tenants;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestHeader;
import org.jboss.resteasy.reactive.RestPath;

import java.io.InputStream;
import java.net.URI;
import java.util.Optional;

/** The CRM-facing write API: accept a contact write at once, and tell where it is. */
@Path("/v1/tenants/{tenant}")
@Tag(name = "writes")
@SecurityRequirement(name = "crmToken")
@Produces(MediaType.APPLICATION_JSON)
public class WritesResource {

    static final String IDEMPOTENCY_KEY = "Idempotency-Key";
    static final String REPLAYED = "Idempotent-Replayed";
    static final String IDEMPOTENCY_DOC = "The same key with the same request answers the original result and stores "
            + "nothing; with another request, 422. Kept 24 hours per tenant.";

    private final Tenants tenants;
    private final WriteStore writes;
    private final WriteFingerprints fingerprints;
    private final CounterFamily accepted;
    private final JsonBody bodies;

    public WritesResource(
            Tenants tenants,
            WriteStore writes,
            WriteFingerprints fingerprints,
            MeterRegistry metrics,
            JsonBody bodies) {
        this.tenants = tenants;
        this.writes = writes;
        this.fingerprints = fingerprints;
        this.accepted = Metric.WRITES_ACCEPTED.counters(metrics);
        this.bodies = bodies;
    }

    @PATCH
    @Path("/contactlists/{contactListId}/contacts/{contactId}")
    @Consumes(MediaType.WILDCARD)
    @Operation(
            summary = "Write to a contact",
            description = "Accepted at once and stored; held while the contact is "
                    + "in a dial, applied to Genesys as soon as it is not. Writes to one contact that wait together are merged "
                    + "into one PUT (later values win).")
    @RequestBody(
            required = true,
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(ref = "ContactWrite"),
                            examples = {
                                @ExampleObject(name = "merge", ref = "mergeWrite"),
                                @ExampleObject(name = "replace", ref = "replaceWrite")
                            }))
    @APIResponse(
            responseCode = "202",
            description = "Accepted: QUEUED, or HELD while the contact is in a dial.",
            headers = {
                @Header(
                        name = "Location",
                        description = "The write's status: /v1/tenants/{tenant}/writes/{writeId}",
                        schema = @Schema(type = SchemaType.STRING)),
                @Header(
                        name = REPLAYED,
                        description = "true when an earlier request with this Idempotency-Key is answered again",
                        schema = @Schema(type = SchemaType.STRING))
            },
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "AcceptedWrite")))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "401", ref = "Unauthorized")
    @APIResponse(responseCode = "413", ref = "PayloadTooLarge")
    @APIResponse(responseCode = "422", ref = "IdempotencyConflict")
    @APIResponse(responseCode = "503", ref = "Unavailable")
    public Response write(
            @RestPath String tenant,
            @RestPath String contactListId,
            @RestPath String contactId,
            @Parameter(hidden = true) @RestHeader(HttpHeaders.AUTHORIZATION) String authorization,
            @Parameter(description = IDEMPOTENCY_DOC) @RestHeader(IDEMPOTENCY_KEY) String idempotencyKey,
            InputStream body) {
        Tenant owner = tenants.authenticateCrm(tenant, authorization);
        ContactRef contact = ContactIds.contact(contactListId, contactId);
        Optional<String> key = IdempotencyKey.of(idempotencyKey);
        ContactWrite write = ContactWriteParser.parse(bodies.read(body));
        AcceptOutcome outcome =
                writes.accept(owner, contact, write, key.map(k -> fingerprints.single(k, contact, write)));
        if (outcome.kind() == AcceptOutcome.Kind.CONFLICT) {
            throw IdempotencyConflictException.reusedForAnotherRequest();
        }
        AcceptedWrite accepted = outcome.write();
        Response.ResponseBuilder response = Response.accepted(accepted)
                .location(URI.create("/v1/tenants/" + owner.name() + "/writes/" + accepted.writeId()));
        if (outcome.kind() == AcceptOutcome.Kind.REPLAYED) {
            response.header(REPLAYED, "true");
        } else {
            this.accepted.with(owner.name(), accepted.state().name()).increment();
        }
        return response.build();
    }

    @GET
    @Path("/writes/{writeId}")
    @Operation(summary = "Where a write is")
    @APIResponse(
            responseCode = "200",
            description = "The write's status record.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "WriteStatus")))
    @APIResponse(responseCode = "401", ref = "Unauthorized")
    @APIResponse(responseCode = "404", ref = "NotFound")
    @APIResponse(responseCode = "503", ref = "Unavailable")
    public WriteStatus status(
            @RestPath String tenant,
            @RestPath String writeId,
            @Parameter(hidden = true) @RestHeader(HttpHeaders.AUTHORIZATION) String authorization) {
        Tenant owner = tenants.authenticateCrm(tenant, authorization);
        return writes.status(owner, writeId).orElseThrow(() -> new UnknownWriteException(writeId));
    }
}
