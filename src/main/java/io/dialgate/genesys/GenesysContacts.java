package io.dialgate.genesys;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dialgate.tenant.Tenant;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.util.function.Function;

/**
 * Reads and replaces Genesys contacts on behalf of a tenant, with its OAuth token. A 401 means the token was revoked
 * or expired early: it is fetched again once and the call repeated; a second 401 is returned to the caller.
 */
@ApplicationScoped
public class GenesysContacts {

    private static final Logger LOG = Logger.getLogger(GenesysContacts.class);

    private final GenesysClients clients;
    private final AccessTokens tokens;

    public GenesysContacts(GenesysClients clients, AccessTokens tokens) {
        this.clients = clients;
        this.tokens = tokens;
    }

    public GenesysReply get(Tenant tenant, String contactListId, String contactId) {
        return withToken(tenant, bearer -> clients.call(
                () -> clients.contacts(tenant).get(contactListId, contactId, bearer)));
    }

    public GenesysReply put(Tenant tenant, String contactListId, String contactId, ObjectNode contact) {
        return withToken(tenant, bearer -> clients.call(
                () -> clients.contacts(tenant).put(contactListId, contactId, bearer, contact)));
    }

    private GenesysReply withToken(Tenant tenant, Function<String, GenesysReply> call) {
        GenesysReply reply = null;
        for (int attempt = 0; attempt < 2; attempt++) {
            AccessTokens.TokenResult token = tokens.bearer(tenant);
            if (token.bearer().isEmpty()) {
                LOG.warnf("Tenant %s: the token endpoint answered %d (%s); check the OAuth client id and secret",
                        tenant.name(), token.failure().status(), token.failure().field("error").orElse(
                                String.valueOf(token.failure().failure())));
                return token.failure();
            }
            reply = call.apply(token.bearer().get());
            if (reply.status() != 401) {
                return reply;
            }
            tokens.invalidate(tenant, token.bearer().get());
        }
        LOG.warnf("Tenant %s: Genesys refused a fresh token (401 twice); writes wait until this is fixed",
                tenant.name());
        return reply;
    }
}
