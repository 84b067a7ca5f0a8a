package io.dialgate.genesys;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dialgate.tenant.Tenant;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

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

    public GenesysContacts(GenesysClients clients, GenesysCalls calls, AccessTokens tokens,
            TenantConditions conditions) {
        this.clients = clients;
        this.calls = calls;
        this.tokens = tokens;
        this.conditions = conditions;
    }

    public GenesysReply get(Tenant tenant, String contactListId, String contactId) {
        return withToken(tenant, bearer -> calls.send(tenant, "GET",
                () -> clients.contacts(tenant).get(contactListId, contactId, bearer)));
    }

    public GenesysReply put(Tenant tenant, String contactListId, String contactId, ObjectNode contact) {
        return withToken(tenant, bearer -> calls.send(tenant, "PUT",
                () -> clients.contacts(tenant).put(contactListId, contactId, bearer, contact)));
    }

    private GenesysReply withToken(Tenant tenant, Function<String, GenesysReply> call) {
        GenesysReply reply = null;
        for (int attempt = 0; attempt < 2; attempt++) {
            AccessTokens.TokenResult token = tokens.bearer(tenant);
            if (token.bearer().isEmpty()) {
                GenesysReply failure = token.failure();
                if (failure.status() == 400 || failure.status() == 401) {
                    conditions.unauthorized(tenant.name(), true);
                } else if (failure.status() != GenesysReply.NOT_SENT) {
                    LOG.warnf("Tenant %s: no token: the login service answered %d %s", tenant.name(),
                            failure.status(), failure.failure() == null ? "" : failure.failure());
                }
                return failure;
            }
            reply = call.apply(token.bearer().get());
            if (reply.status() != 401) {
                if (reply.ok()) {
                    conditions.unauthorized(tenant.name(), false);
                }
                return reply;
            }
            tokens.invalidate(tenant, token.bearer().get());
        }
        conditions.unauthorized(tenant.name(), true);
        return reply;
    }
}
