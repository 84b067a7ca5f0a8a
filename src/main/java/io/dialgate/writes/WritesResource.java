package io.dialgate.writes;

import io.dialgate.http.JsonBody;
import io.dialgate.http.Problems;
import io.dialgate.state.DialState;
import io.dialgate.state.DialStateStore;
import io.dialgate.state.DialerEvent.ContactRef;
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
import java.util.regex.Pattern;

/** The CRM-facing API: accept a contact write at once, and tell where it and the contact's dial are. */
@Path("/v1/tenants/{tenant}")
@Produces(MediaType.APPLICATION_JSON)
public class WritesResource {

    /**
     * Contact list ids are Genesys UUIDs; they must not contain ':' because it separates list and contact in Redis
     * members. Contact ids are opaque (often 32 hex characters): only control characters are refused.
     */
    private static final Pattern LIST_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    private static final Pattern CONTACT_ID = Pattern.compile("[^\\p{Cntrl}]{1,256}");

    private final Tenants tenants;
    private final WriteStore writes;
    private final DialStateStore states;
    private final MeterRegistry metrics;
    private final JsonBody bodies;

    public WritesResource(Tenants tenants, WriteStore writes, DialStateStore states, MeterRegistry metrics,
            JsonBody bodies) {
        this.bodies = bodies;
        this.tenants = tenants;
        this.writes = writes;
        this.states = states;
        this.metrics = metrics;
    }

    @PATCH
    @Path("/contactlists/{contactListId}/contacts/{contactId}")
    @Consumes(MediaType.WILDCARD)
    public Response write(@RestPath String tenant, @RestPath String contactListId, @RestPath String contactId,
            @RestHeader(HttpHeaders.AUTHORIZATION) String authorization, InputStream body) {
        Tenant owner = tenants.authenticateCrm(tenant, authorization);
        ContactRef contact = contact(contactListId, contactId);
        ContactWrite write = ContactWriteParser.parse(bodies.read(body));
        AcceptedWrite accepted = writes.accept(owner, contact, write);
        metrics.counter("dialgate.writes.accepted", "tenant", owner.name(), "state", accepted.state().name())
                .increment();
        return Response.accepted(accepted)
                .location(URI.create("/v1/tenants/" + owner.name() + "/writes/" + accepted.writeId()))
                .build();
    }

    @GET
    @Path("/writes/{writeId}")
    public WriteStatus status(@RestPath String tenant, @RestPath String writeId,
            @RestHeader(HttpHeaders.AUTHORIZATION) String authorization) {
        Tenant owner = tenants.authenticateCrm(tenant, authorization);
        return writes.status(owner, writeId)
                .orElseThrow(() -> Problems.notFound("No write " + writeId + " (unknown, or past its retention)."));
    }

    @GET
    @Path("/contactlists/{contactListId}/contacts/{contactId}/dial-state")
    public DialState dialState(@RestPath String tenant, @RestPath String contactListId, @RestPath String contactId,
            @RestHeader(HttpHeaders.AUTHORIZATION) String authorization) {
        Tenant owner = tenants.authenticateCrm(tenant, authorization);
        return states.read(owner, contact(contactListId, contactId));
    }

    private static ContactRef contact(String contactListId, String contactId) {
        if (!LIST_ID.matcher(contactListId).matches()) {
            throw Problems.badRequest("contactListId must be 1-64 letters, digits, '-' or '_' (a Genesys id).");
        }
        if (!CONTACT_ID.matcher(contactId).matches()) {
            throw Problems.badRequest("contactId must be 1-256 characters without control characters.");
        }
        return new ContactRef(contactListId, contactId);
    }
}
