package io.dialgate.genesys;

import io.dialgate.tenant.Tenant;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;

import java.util.function.Function;

/**
 * A Genesys call with the tenant's OAuth token, through its budget and breaker. A 401 means the token was revoked or
 * expired early: it is fetched again once and the call repeated; a second 401 marks the tenant unauthorized (gauge,
 * log) and is returned to the caller.
 */
@ApplicationScoped
class AuthorizedCalls {

    private static final Logger LOG = Logger.getLogger(AuthorizedCalls.class);

    private final GenesysCalls calls;
    private final AccessTokens tokens;
    private final TenantConditions conditions;

    AuthorizedCalls(GenesysCalls calls, AccessTokens tokens, TenantConditions conditions) {
        this.calls = calls;
        this.tokens = tokens;
        this.conditions = conditions;
    }

    /** Makes the call labelled {@code label} in {@code dialgate_genesys_calls_total}, with a bearer token. */
    GenesysReply send(Tenant tenant, String label, Function<String, Response> call) {
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
            String bearer = token.bearer().get();
            reply = calls.send(tenant, label, () -> call.apply(bearer));
            if (reply.status() != 401) {
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
}
