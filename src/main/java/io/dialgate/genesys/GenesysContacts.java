package io.dialgate.genesys;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dialgate.tenant.Tenant;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.util.List;
import java.util.function.Function;

/**
 * Reads and replaces Genesys contacts on behalf of a tenant, with its OAuth token. A 401 means the token was revoked
 * or expired early: it is fetched again once and the call repeated; a second 401 marks the tenant unauthorized
 * (gauge, log) and is returned to the caller, whose writes then wait.
 */
@ApplicationScoped
public class GenesysContacts {

    private static final Logger LOG = Logger.getLogger(GenesysContacts.class);

    private final GenesysClients clients;
    private final GenesysCalls calls;
    private final AccessTokens tokens;
    private final TenantConditions conditions;

    public GenesysContacts(
            GenesysClients clients, GenesysCalls calls, AccessTokens tokens, TenantConditions conditions) {
        this.clients = clients;
        this.calls = calls;
        this.tokens = tokens;
        this.conditions = conditions;
    }

    public GenesysReply get(Tenant tenant, String contactListId, String contactId) {
        return withToken(
                tenant,
                bearer -> calls.send(
                        tenant, "GET", () -> clients.contacts(tenant).get(contactListId, contactId, bearer)));
    }

    public GenesysReply put(Tenant tenant, String contactListId, String contactId, ObjectNode contact) {
        return withToken(
                tenant,
                bearer -> calls.send(
                        tenant, "PUT", () -> clients.contacts(tenant).put(contactListId, contactId, bearer, contact)));
    }

    /** Reads many contacts of one list in one call (label {@code BULK_READ}); one call of the budget. */
    public GenesysReply bulkRead(Tenant tenant, String contactListId, List<String> contactIds) {
        return withToken(
                tenant,
                bearer -> calls.send(
                        tenant,
                        "BULK_READ",
                        () -> clients.bulkContacts(tenant).read(contactListId, bearer, contactIds)));
    }

    /**
     * Writes many contacts of one list in one call (label {@code UPSERT}), keeping their system data and queue
     * positions; one call of the budget.
     */
    public GenesysReply upsert(Tenant tenant, String contactListId, ArrayNode contacts) {
        return withToken(
                tenant,
                bearer -> calls.send(
                        tenant,
                        "UPSERT",
                        () -> clients.bulkContacts(tenant)
                                .upsert(contactListId, false, false, true, bearer, contacts)));
    }

    private GenesysReply withToken(Tenant tenant, Function<String, GenesysReply> call) {
        GenesysReply reply = null;
        for (int attempt = 0; attempt < 2; attempt++) {
            AccessTokens.TokenResult token = tokens.bearer(tenant);
            if (token instanceof AccessTokens.TokenResult.Refused refused) {
                noToken(tenant, refused.reply());
                return refused.reply();
            }
            String bearer = ((AccessTokens.TokenResult.Issued) token).bearer();
            reply = call.apply(bearer);
            if (!reply.answered(401)) {
                if (reply.ok()) {
                    conditions.unauthorized(tenant.name(), false);
                }
                return reply;
            }
            tokens.invalidate(tenant, bearer);
        }
        conditions.unauthorized(tenant.name(), true);
        return reply;
    }

    private void noToken(Tenant tenant, GenesysReply failure) {
        if (failure.answered(400) || failure.answered(401)) {
            conditions.unauthorized(tenant.name(), true);
        } else if (failure instanceof GenesysReply.Answered answered) {
            LOG.warnf("Tenant %s: no token: the login service answered %d", tenant.name(), answered.status());
        } else if (failure instanceof GenesysReply.Unanswered unanswered) {
            LOG.warnf("Tenant %s: no token: the login service did not answer: %s", tenant.name(), unanswered.failure());
        }
    }
}
