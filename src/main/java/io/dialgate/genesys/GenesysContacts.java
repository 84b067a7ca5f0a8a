package io.dialgate.genesys;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dialgate.tenant.Tenant;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.util.Optional;
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

    private GenesysReply withToken(Tenant tenant, Function<String, GenesysReply> call) {
        GenesysReply reply = null;
        for (int attempt = 0; attempt < 2; attempt++) {
            AccessTokens.TokenResult token = tokens.bearer(tenant);
            if (token instanceof AccessTokens.TokenResult.Refused refused) {
                return noToken(tenant, refused.reply());
            }
            conditions.loginTrouble(tenant.name(), Optional.empty());
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

    /**
     * No token: the call is not made. Held back by the budget or the breaker, it is deferred as any call would be;
     * otherwise the tenant is marked with its {@link LoginTrouble} and the caller's writes wait.
     */
    private GenesysReply noToken(Tenant tenant, GenesysReply failure) {
        if (failure instanceof GenesysReply.NotSent) {
            return failure;
        }
        LoginTrouble trouble = LoginTrouble.of(failure);
        conditions.loginTrouble(tenant.name(), Optional.of(trouble));
        if (failure instanceof GenesysReply.Answered answered) {
            LOG.warnf(
                    "Tenant %s: no token (%s): the login service answered %d",
                    tenant.name(), trouble.description(), answered.status());
        } else if (failure instanceof GenesysReply.Unanswered unanswered) {
            LOG.warnf("Tenant %s: no token: the login service did not answer: %s", tenant.name(), unanswered.failure());
        }
        return new GenesysReply.NoToken(trouble, failure);
    }
}
