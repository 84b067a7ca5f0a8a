package io.dialgate.writes;

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
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.RestHeader;
import org.jboss.resteasy.reactive.RestPath;

import java.io.InputStream;
import java.net.URI;
import java.util.Optional;

/** The CRM-facing write API: accept a contact write at once, and tell where it is. */
@Path("/v1/tenants/{tenant}")
@Produces(MediaType.APPLICATION_JSON)
public class WritesResource {

    static final String IDEMPOTENCY_KEY = "Idempotency-Key";
    static final String REPLAYED = "Idempotent-Replayed";

    private final Tenants tenants;
    private final WriteStore writes;
    private final WriteFingerprints fingerprints;
    private final CounterFamily accepted;
    private final JsonBody bodies;

    public WritesResource(Tenants tenants, WriteStore writes, WriteFingerprints fingerprints, MeterRegistry metrics,
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
    public Response write(@RestPath String tenant, @RestPath String contactListId, @RestPath String contactId,
            @RestHeader(HttpHeaders.AUTHORIZATION) String authorization,
            @RestHeader(IDEMPOTENCY_KEY) String idempotencyKey, InputStream body) {
        Tenant owner = tenants.authenticateCrm(tenant, authorization);
        ContactRef contact = ContactIds.contact(contactListId, contactId);
        Optional<String> key = IdempotencyKey.of(idempotencyKey);
        ContactWrite write = ContactWriteParser.parse(bodies.read(body));
        AcceptOutcome outcome = writes.accept(owner, contact, write,
                key.map(k -> fingerprints.single(k, contact, write)));
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
    public WriteStatus status(@RestPath String tenant, @RestPath String writeId,
            @RestHeader(HttpHeaders.AUTHORIZATION) String authorization) {
        Tenant owner = tenants.authenticateCrm(tenant, authorization);
        return writes.status(owner, writeId)
                .orElseThrow(() -> new UnknownWriteException(writeId));
    }
}
