package io.dialgate.genesys;

import io.dialgate.tenant.Tenant;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;

import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * A Genesys call with the tenant's OAuth token, through its budget and breaker. A 401 means the token was revoked or
 * expired early: it is fetched again once and the call repeated; a second 401 marks the tenant unauthorized (gauge,
 * log) and is returned to the caller. Used for contacts, notification channels and campaign reads alike.
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
        return sendWhenDue(tenant, label, () -> Optional.of(call));
    }

    /**
     * As {@link #send}, with the request settled only when its turn has come ({@link GenesysCalls#sendWhenDue}):
     * {@code due} is asked then, and again if a 401 makes the call repeat with a new token.
     */
    GenesysReply sendWhenDue(Tenant tenant, String label, Supplier<Optional<Function<String, Response>>> due) {
        GenesysReply reply = null;
        for (int attempt = 0; attempt < 2; attempt++) {
            AccessTokens.TokenResult token = tokens.bearer(tenant);
            if (token instanceof AccessTokens.TokenResult.Refused refused) {
                return noToken(tenant, refused.reply());
            }
            conditions.loginTrouble(tenant.name(), Optional.empty());
            String bearer = ((AccessTokens.TokenResult.Issued) token).bearer();
            reply = calls.sendWhenDue(tenant, label, () -> due.get().map(call -> () -> call.apply(bearer)));
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
     * otherwise the tenant is marked with its {@link LoginTrouble} and the caller's writes wait (issue 10, hole 2: no
     * token failure ever fails or applies a write).
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
