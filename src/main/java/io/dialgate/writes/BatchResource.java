package io.dialgate.writes;

import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dialgate.failure.DomainException;
import io.dialgate.http.JsonBody;
import io.dialgate.http.Problem;
import io.dialgate.http.Problems;
import io.dialgate.metrics.CounterFamily;
import io.dialgate.metrics.Metric;
import io.dialgate.state.ContactIds;
import io.dialgate.state.ContactRef;
import io.dialgate.tenant.Tenant;
import io.dialgate.tenant.Tenants;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Many writes to one contact list in one request. Each item is validated on its own: an item that is refused gets a
 * problem object in its place and is not stored; the others are stored together, in one script (all or nothing), and
 * with an Idempotency-Key each item's result is recorded as it is stored, so a retry never stores an item twice.
 */
@Path("/v1/tenants/{tenant}/contactlists/{contactListId}/writes:batch")
@Tag(name = "writes")
@SecurityRequirement(name = "crmToken")
@Produces(MediaType.APPLICATION_JSON)
public class BatchResource {

    private static final Set<String> ITEM_FIELDS = Set.of("contactId", "data", "callable", "phoneNumberStatus", "mode");

    private final Tenants tenants;
    private final WriteStore writes;
    private final WriteFingerprints fingerprints;
    private final JsonBody bodies;
    private final ObjectMapper json;
    private final CounterFamily accepted;
    private final int maxWrites;

    public BatchResource(
            Tenants tenants,
            WriteStore writes,
            WriteFingerprints fingerprints,
            JsonBody bodies,
            ObjectMapper json,
            MeterRegistry metrics,
            WritesConfig config) {
        this.tenants = tenants;
        this.writes = writes;
        this.fingerprints = fingerprints;
        this.bodies = bodies;
        this.json = json;
        this.accepted = Metric.WRITES_ACCEPTED.counters(metrics);
        this.maxWrites = config.maxBatchWrites();
    }

    /** The answer: one result per item, in request order. */
    @RegisterForReflection
    public record BatchResults(List<ItemResult> results) {}

    /** What became of one item; in the JSON answer, the accepted write or the problem itself stands in its place. */
    public sealed interface ItemResult {

        @RegisterForReflection
        record Accepted(AcceptedWrite write) implements ItemResult {
            @JsonValue
            @Override
            public AcceptedWrite write() {
                return write;
            }
        }

        @RegisterForReflection
        record Refused(Problem problem) implements ItemResult {
            @JsonValue
            @Override
            public Problem problem() {
                return problem;
            }
        }
    }

    /** One item, validated, or the problem that refused it. */
    private record Item(ContactRef contact, ContactWrite write, Problem refused) {}

    @POST
    @Consumes(MediaType.WILDCARD)
    @Operation(
            summary = "Write to many contacts of one list",
            description = "Each item is validated and accepted on "
                    + "its own: a refused item gets a problem object in its place and is not stored; the others are.")
    @RequestBody(
            required = true,
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(ref = "BatchRequest"),
                            examples = @ExampleObject(name = "batch", ref = "batch")))
    @APIResponse(
            responseCode = "202",
            description = "One result per item, in request order.",
            headers =
                    @Header(
                            name = WritesResource.REPLAYED,
                            schema = @Schema(type = SchemaType.STRING),
                            description = "true when an earlier request with this Idempotency-Key is answered again"),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "BatchResults")))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "401", ref = "Unauthorized")
    @APIResponse(responseCode = "413", ref = "PayloadTooLarge")
    @APIResponse(responseCode = "422", ref = "IdempotencyConflict")
    @APIResponse(responseCode = "503", ref = "Unavailable")
    public Response batch(
            @RestPath String tenant,
            @RestPath String contactListId,
            @Parameter(hidden = true) @RestHeader(HttpHeaders.AUTHORIZATION) String authorization,
            @Parameter(description = WritesResource.IDEMPOTENCY_DOC) @RestHeader(WritesResource.IDEMPOTENCY_KEY)
                    String idempotencyKey,
            InputStream body) {
        Tenant owner = tenants.authenticateCrm(tenant, authorization);
        String list = ContactIds.listId(contactListId);
        Optional<String> key = IdempotencyKey.of(idempotencyKey);
        List<Item> items = items(list, bodies.read(body));
        Optional<IdempotencyKey> fingerprint = key.map(k -> fingerprints.batch(k, list, canonical(items)));
        List<WriteStore.BatchItem> valid = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            if (items.get(i).refused() == null) {
                valid.add(new WriteStore.BatchItem(
                        i, items.get(i).contact(), items.get(i).write()));
            }
        }
        WriteStore.BatchOutcome outcome = writes.acceptBatch(owner, valid, fingerprint);
        if (outcome instanceof WriteStore.BatchOutcome.Answered earlier) {
            return Response.accepted(earlier.json())
                    .type(MediaType.APPLICATION_JSON)
                    .header(WritesResource.REPLAYED, "true")
                    .build();
        }
        WriteStore.BatchOutcome.Stored stored = (WriteStore.BatchOutcome.Stored) outcome;
        Response.ResponseBuilder response = Response.accepted(results(owner, items, stored));
        return stored.replayed()
                ? response.header(WritesResource.REPLAYED, "true").build()
                : response.build();
    }

    private BatchResults results(Tenant owner, List<Item> items, WriteStore.BatchOutcome.Stored stored) {
        List<ItemResult> results = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            if (items.get(i).refused() != null) {
                results.add(new ItemResult.Refused(items.get(i).refused()));
                continue;
            }
            AcceptedWrite write = stored.items().get(i);
            if (!stored.replayed()) {
                this.accepted.with(owner.name(), write.state().name()).increment();
            }
            results.add(new ItemResult.Accepted(write));
        }
        return new BatchResults(results);
    }

    private List<Item> items(String list, JsonNode body) {
        JsonNode writesNode = body.isObject() ? body.get("writes") : null;
        if (writesNode == null || !writesNode.isArray() || body.size() != 1) {
            throw Problems.badRequest(
                    "The body must be {\"writes\": [{\"contactId\": \"...\", \"data\": {...}}, ...]}.");
        }
        if (writesNode.size() > maxWrites) {
            throw Problems.tooLarge("The batch has " + writesNode.size() + " writes; at most " + maxWrites
                    + " are accepted in one request.");
        }
        List<Item> items = new ArrayList<>(writesNode.size());
        for (JsonNode node : writesNode) {
            try {
                if (!node.isObject()) {
                    throw new InvalidWriteException("Each write must be a JSON object.");
                }
                JsonNode contactId = node.get("contactId");
                ContactRef contact = ContactIds.contact(
                        list, contactId != null && contactId.isTextual() ? contactId.asText() : null);
                items.add(new Item(contact, ContactWriteParser.parseFields(node, ITEM_FIELDS), null));
            } catch (DomainException refused) {
                items.add(new Item(null, null, Problems.of(refused)));
            }
        }
        return items;
    }

    private List<String> canonical(List<Item> items) {
        List<String> forms = new ArrayList<>(items.size());
        for (Item item : items) {
            forms.add(
                    item.refused() != null
                            ? "refused: " + item.refused().detail()
                            : item.contact().contactId() + " " + fingerprints.canonical(item.write()));
        }
        return forms;
    }
}
