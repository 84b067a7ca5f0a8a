package io.dialgate.genesys;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dialgate.tenant.Tenant;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/** Reads and writes Genesys contacts on behalf of a tenant, with its OAuth token (see {@link AuthorizedCalls}). */
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

    /**
     * Replaces one contact (label {@code PUT}; one call of the budget). {@code contactWhenDue} gives the contact when the
     * call's turn has come, as for {@link #bulkRead}: a dial that started during the read before it or the budget's wait
     * can still keep the PUT from leaving.
     */
    public GenesysReply put(
            Tenant tenant, String contactListId, String contactId, Supplier<Optional<ObjectNode>> contactWhenDue) {
        return calls.sendWhenDue(
                tenant,
                "PUT",
                () -> contactWhenDue
                        .get()
                        .map(contact ->
                                bearer -> clients.contacts(tenant).put(contactListId, contactId, bearer, contact)));
    }

    /**
     * Reads many contacts of one list in one call (label {@code BULK_READ}; one call of the budget). {@code idsWhenDue}
     * gives the ids when the call's turn has come (after the token, the budget's wait and the breaker); empty: nothing
     * left to read, no call is made ({@link GenesysReply.NotSent}).
     */
    public GenesysReply bulkRead(Tenant tenant, String contactListId, Supplier<Optional<List<String>>> idsWhenDue) {
        return calls.sendWhenDue(
                tenant,
                "BULK_READ",
                () -> idsWhenDue
                        .get()
                        .map(ids -> bearer -> clients.bulkContacts(tenant).read(contactListId, bearer, ids)));
    }

    /**
     * Writes many contacts of one list in one call (label {@code UPSERT}; one call of the budget), keeping their system
     * data and queue positions ({@code priority=false&clearSystemData=false&doNotQueue=true}). {@code contactsWhenDue}
     * gives the contacts when the call's turn has come, as for {@link #bulkRead}: a dial that started during the
     * budget's wait can still keep its contact out.
     */
    public GenesysReply upsert(Tenant tenant, String contactListId, Supplier<Optional<ArrayNode>> contactsWhenDue) {
        return calls.sendWhenDue(
                tenant,
                "UPSERT",
                () -> contactsWhenDue
                        .get()
                        .map(contacts -> bearer -> clients.bulkContacts(tenant)
                                .upsert(contactListId, false, false, true, bearer, contacts)));
    }
}
