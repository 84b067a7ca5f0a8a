package io.dialgate.events;

import com.fasterxml.jackson.databind.JsonNode;
import io.dialgate.http.JsonBody;
import io.dialgate.http.Problems;
import io.dialgate.metrics.Metric;
import io.dialgate.metrics.TimerFamily;
import io.dialgate.tenant.Tenant;
import io.dialgate.tenant.Tenants;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirementsSet;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestHeader;
import org.jboss.resteasy.reactive.RestPath;

import java.util.ArrayList;
import java.util.List;

/** The HTTP target for Genesys events, relayed by Amazon EventBridge, a data action or any other relay. */
@Path("/v1/tenants/{tenant}/events")
@Tag(name = "events")
@SecurityRequirementsSet(@SecurityRequirement(name = "ingestToken"))
@SecurityRequirementsSet({
    @SecurityRequirement(name = "webhookId"),
    @SecurityRequirement(name = "webhookTimestamp"),
    @SecurityRequirement(name = "webhookSignature")
})
public class EventsResource {

    private final Tenants tenants;
    private final EventIngest ingest;
    private final JsonBody bodies;
    private final IngestConfig limits;
    private final MeterRegistry metrics;
    private final TimerFamily ingestTime;

    public EventsResource(
            Tenants tenants, EventIngest ingest, JsonBody bodies, IngestConfig limits, MeterRegistry metrics) {
        this.tenants = tenants;
        this.ingest = ingest;
        this.bodies = bodies;
        this.limits = limits;
        this.metrics = metrics;
        this.ingestTime = Metric.INGEST.timers(metrics);
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Receive Genesys events",
            description = "Topics dialgate does not use are counted and "
                    + "ignored, never an error (a relay that gets an error retries for days). An element that cannot be "
                    + "understood is reported by index in `rejected`; the others are stored.")
    @RequestBody(
            required = true,
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(ref = "Events"),
                            examples = @ExampleObject(name = "preContact", ref = "preContact")))
    @APIResponse(
            responseCode = "202",
            description = "What became of the events.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "IngestReport")))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "401", ref = "Unauthorized")
    @APIResponse(responseCode = "413", ref = "PayloadTooLarge")
    @APIResponse(responseCode = "503", ref = "Unavailable")
    public Uni<Response> receive(
            @RestPath String tenant,
            @Parameter(hidden = true) @RestHeader(HttpHeaders.AUTHORIZATION) String authorization,
            @Parameter(hidden = true) @RestHeader("webhook-id") String webhookId,
            @Parameter(hidden = true) @RestHeader("webhook-timestamp") String webhookTimestamp,
            @Parameter(hidden = true) @RestHeader("webhook-signature") String webhookSignature,
            byte[] body) {
        // On the event loop (a Uni): authentication, parsing and routing are CPU only, and the Redis scripts are
        // sent without blocking, so a request needs no hop to a worker thread and back.
        byte[] bytes = bodies.bytes(body);
        Tenant owner = tenants.authenticateIngest(
                tenant,
                new Tenants.IngestCredentials(authorization, webhookId, webhookTimestamp, webhookSignature),
                bytes);
        List<JsonNode> elements = elements(bodies.parse(bytes));
        Timer.Sample started = Timer.start(metrics);
        return ingest.ingestAsync(owner, elements).map(report -> {
            started.stop(ingestTime.with(owner.name()));
            return Response.accepted(report).build();
        });
    }

    private List<JsonNode> elements(JsonNode root) {
        if (root.isObject()) {
            return List.of(root);
        }
        if (!root.isArray()) {
            throw Problems.badRequest("The body must be one event (a JSON object) or a JSON array of events.");
        }
        if (root.size() > limits.maxBatchEvents()) {
            throw Problems.tooLarge("The batch has " + root.size() + " events; at most " + limits.maxBatchEvents()
                    + " are accepted in one request.");
        }
        List<JsonNode> elements = new ArrayList<>(root.size());
        root.forEach(elements::add);
        return elements;
    }
}
