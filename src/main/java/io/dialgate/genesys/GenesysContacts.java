package io.dialgate.genesys;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dialgate.tenant.Tenant;
import jakarta.enterprise.context.ApplicationScoped;

/** Reads and replaces Genesys contacts on behalf of a tenant, with its OAuth token (see {@link AuthorizedCalls}). */
@ApplicationScoped
public class GenesysContacts {

    private final GenesysClients clients;
    private final AuthorizedCalls calls;

    GenesysContacts(GenesysClients clients, AuthorizedCalls calls) {
        this.clients = clients;
        this.calls = calls;
    }

    public GenesysReply get(Tenant tenant, String contactListId, String contactId) {
        return calls.send(tenant, "GET", bearer -> clients.contacts(tenant).get(contactListId, contactId, bearer));
    }

    public GenesysReply put(Tenant tenant, String contactListId, String contactId, ObjectNode contact) {
        return calls.send(
                tenant, "PUT", bearer -> clients.contacts(tenant).put(contactListId, contactId, bearer, contact));
    }
}
