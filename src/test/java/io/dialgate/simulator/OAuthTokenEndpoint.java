package io.dialgate.simulator;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * {@code POST /oauth/token} of the Genesys login host, client-credentials grant only. Token calls
 * count against the client's rate limit like API calls do.
 */
final class OAuthTokenEndpoint {

    static final String PATH = "/oauth/token";

    private final SimulatedOAuth oauth;
    private final SimulatedRateLimit rateLimit;
    private final FaultPlan faults;

    OAuthTokenEndpoint(SimulatedOAuth oauth, SimulatedRateLimit rateLimit, FaultPlan faults) {
        this.oauth = oauth;
        this.rateLimit = rateLimit;
        this.faults = faults;
    }

    Reply handle(IncomingRequest request) {
        Optional<SimulatedOAuth.BasicCredentials> credentials = oauth.basicCredentials(request.header("Authorization"));
        String clientId = credentials
                .map(SimulatedOAuth.BasicCredentials::clientId)
                .filter(oauth::isKnownClient)
                .orElse(null);
        if (!"POST".equals(request.method())) {
            return oauthError(405, "invalid_request", "only POST is supported", clientId);
        }
        if (clientId != null) {
            SimulatedRateLimit.Decision decision = rateLimit.tryAcquire(clientId);
            if (!decision.allowed()) {
                return Reply.tooManyRequests(decision, request.correlationId(), clientId);
            }
        }
        Optional<ScriptedResponse> scripted = faults.take(
                FaultPlan.Operation.TOKEN,
                credentials.map(SimulatedOAuth.BasicCredentials::clientId).orElse(null));
        if (scripted.isPresent() && !scripted.get().applyRequest()) {
            FaultPlan.pause(scripted.get().delay());
            return Reply.scripted(scripted.get(), clientId);
        }
        Reply normal = grant(request, credentials, clientId);
        if (scripted.isPresent()) {
            FaultPlan.pause(scripted.get().delay());
            return Reply.scripted(scripted.get(), clientId);
        }
        return normal;
    }

    private Reply grant(
            IncomingRequest request, Optional<SimulatedOAuth.BasicCredentials> credentials, String clientId) {
        if (credentials.isEmpty()) {
            return oauthError(
                    401, "invalid_client", "client credentials are required as HTTP Basic authentication", null);
        }
        if (!credentials.get().valid()) {
            // the claimed client id is echoed, as Genesys does; the secret never is
            String reason =
                    clientId == null ? "client not found: " + credentials.get().clientId() : "authentication failed";
            return oauthError(401, "invalid_client", reason, clientId);
        }
        String grantType = formFields(request.body()).get("grant_type");
        if (!"client_credentials".equals(grantType)) {
            return oauthError(
                    400,
                    "unsupported_grant_type",
                    grantType == null ? "grant_type is required" : "grant type not supported: " + grantType,
                    clientId);
        }
        SimulatedOAuth.IssuedToken token = oauth.issue(clientId);
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.put("access_token", token.accessToken());
        body.put("token_type", "bearer");
        body.put("expires_in", token.expiresInSeconds());
        return Reply.json(200, body, clientId);
    }

    /** The OAuth-style error document of the login host (not the Platform API error body). */
    private static Reply oauthError(int status, String error, String description, String clientId) {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.put("error", error);
        body.put("description", description);
        body.put("error_description", description);
        return new Reply(status, new LinkedHashMap<>(), body.toString(), clientId);
    }

    private static Map<String, String> formFields(String body) {
        Map<String, String> fields = new HashMap<>();
        if (body == null || body.isBlank()) {
            return fields;
        }
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            String name = eq < 0 ? pair : pair.substring(0, eq);
            String value = eq < 0 ? "" : pair.substring(eq + 1);
            fields.put(
                    URLDecoder.decode(name, StandardCharsets.UTF_8), URLDecoder.decode(value, StandardCharsets.UTF_8));
        }
        return fields;
    }
}
