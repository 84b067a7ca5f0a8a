package io.dialgate.state;

import io.dialgate.tenant.Tenant;
import io.dialgate.tenant.Tenants;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import org.jboss.resteasy.reactive.RestHeader;
import org.jboss.resteasy.reactive.RestPath;

/** Tells the CRM whether the dialer is working a contact, and how many of its writes wait. */
@Path("/v1/tenants/{tenant}/contactlists/{contactListId}/contacts/{contactId}/dial-state")
@Produces(MediaType.APPLICATION_JSON)
public class DialStateResource {

    private final Tenants tenants;
    private final DialStateStore states;

    public DialStateResource(Tenants tenants, DialStateStore states) {
        this.tenants = tenants;
        this.states = states;
    }

    @GET
    public DialState dialState(
            @RestPath String tenant,
            @RestPath String contactListId,
            @RestPath String contactId,
            @RestHeader(HttpHeaders.AUTHORIZATION) String authorization) {
        Tenant owner = tenants.authenticateCrm(tenant, authorization);
        return states.read(owner, ContactIds.contact(contactListId, contactId));
    }
}
