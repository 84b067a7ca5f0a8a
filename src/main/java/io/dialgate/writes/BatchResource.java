package io.dialgate.writes;

import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dialgate.failure.DomainException;
import io.dialgate.http.JsonBody;
import io.dialgate.http.Problem;
import io.dialgate.metrics.CounterFamily;
import io.dialgate.metrics.Metric;
import io.dialgate.http.Problems;
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
import org.jboss.resteasy.reactive.RestHeader;
import org.jboss.resteasy.reactive.RestPath;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Many writes to one contact list in one request. Each item is validated and accepted on its own: an item that is
 * refused gets a problem object in its place and is not stored; the others are.
 */
@Path("/v1/tenants/{tenant}/contactlists/{contactListId}/writes:batch")
@Produces(MediaType.APPLICATION_JSON)
public class BatchResource {

    private static final Set<String> ITEM_FIELDS = Set.of("contactId", "data", "callable", "phoneNumberStatus", "mode");

    private final Tenants tenants;
    private final WriteStore writes;
    private final BatchIdempotency idempotency;
    private final WriteFingerprints fingerprints;
    private final JsonBody bodies;
    private final ObjectMapper json;
    private final CounterFamily accepted;
    private final int maxWrites;

    public BatchResource(Tenants tenants, WriteStore writes, BatchIdempotency idempotency,
            WriteFingerprints fingerprints, JsonBody bodies, ObjectMapper json, MeterRegistry metrics,
            WritesConfig config) {
        this.tenants = tenants;
        this.writes = writes;
        this.idempotency = idempotency;
        this.fingerprints = fingerprints;
        this.bodies = bodies;
        this.json = json;
        this.accepted = Metric.WRITES_ACCEPTED.counters(metrics);
        this.maxWrites = config.maxBatchWrites();
    }

    /** The answer: one result per item, in request order. */
    @RegisterForReflection
    public record BatchResults(List<ItemResult> results) {
    }

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
    private record Item(ContactRef contact, ContactWrite write, Problem refused) {
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    public Response batch(@RestPath String tenant, @RestPath String contactListId,
            @RestHeader(HttpHeaders.AUTHORIZATION) String authorization,
            @RestHeader(WritesResource.IDEMPOTENCY_KEY) String idempotencyKey, InputStream body) {
        Tenant owner = tenants.authenticateCrm(tenant, authorization);
        String list = ContactIds.listId(contactListId);
        Optional<String> key = IdempotencyKey.of(idempotencyKey);
        List<Item> items = items(list, bodies.read(body));
        Optional<IdempotencyKey> fingerprint = key.map(k -> fingerprints.batch(k, list, canonical(items)));
        if (fingerprint.isPresent()) {
            Optional<String> earlier = idempotency.begin(owner, fingerprint.get());
            if (earlier.isPresent()) {
                return Response.accepted(earlier.get()).type(MediaType.APPLICATION_JSON)
                        .header(WritesResource.REPLAYED, "true").build();
            }
        }
        BatchResults results;
        try {
            results = accept(owner, items);
        } catch (RuntimeException e) {
            fingerprint.ifPresent(f -> idempotency.abandon(owner, f));
            throw e;
        }
        fingerprint.ifPresent(f -> idempotency.finish(owner, f, results));
        return Response.accepted(results).build();
    }

    private BatchResults accept(Tenant owner, List<Item> items) {
        List<ItemResult> results = new ArrayList<>(items.size());
        for (Item item : items) {
            if (item.refused() != null) {
                results.add(new ItemResult.Refused(item.refused()));
                continue;
            }
            AcceptedWrite accepted = writes.accept(owner, item.contact(), item.write(), Optional.empty()).write();
            this.accepted.with(owner.name(), accepted.state().name()).increment();
            results.add(new ItemResult.Accepted(accepted));
        }
        return new BatchResults(results);
    }

    private List<Item> items(String list, JsonNode body) {
        JsonNode writesNode = body.isObject() ? body.get("writes") : null;
        if (writesNode == null || !writesNode.isArray() || body.size() != 1) {
            throw Problems.badRequest("The body must be {\"writes\": [{\"contactId\": \"...\", \"data\": {...}}, ...]}.");
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
                ContactRef contact = ContactIds.contact(list,
                        contactId != null && contactId.isTextual() ? contactId.asText() : null);
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
            forms.add(item.refused() != null ? "refused: " + item.refused().detail()
                    : item.contact().contactId() + " " + fingerprints.canonical(item.write()));
        }
        return forms;
    }
}
