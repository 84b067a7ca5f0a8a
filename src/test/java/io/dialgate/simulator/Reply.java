package io.dialgate.simulator;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What an endpoint answers, plus what the request log needs to know about the request.
 *
 * @param body     JSON text or null for an empty body
 * @param clientId the OAuth client the request is attributed to, or null
 */
record Reply(int status, Map<String, String> headers, String body, String clientId) {

    static Reply json(int status, JsonNode body, String clientId) {
        return new Reply(status, new LinkedHashMap<>(), body.toString(), clientId);
    }

    static Reply error(GenesysErrorBody error, String correlationId, String clientId) {
        return new Reply(
                error.status(),
                new LinkedHashMap<>(),
                error.withContextId(correlationId).toJsonString(),
                clientId);
    }

    static Reply scripted(ScriptedResponse scripted, String clientId) {
        return new Reply(scripted.status(), new LinkedHashMap<>(scripted.headers()), scripted.body(), clientId);
    }

    /** Genesys's 429: {@code Retry-After} says when the oldest counted request leaves the window. */
    static Reply tooManyRequests(SimulatedRateLimit.Decision decision, String correlationId, String clientId) {
        GenesysErrorBody body = GenesysErrorBody.withParams(
                429,
                "too.many.requests",
                "Rate limit exceeded the maximum. Retry the request in [{retryAfter}] seconds",
                Map.of("retryAfter", Long.toString(decision.resetSeconds())));
        return error(body, correlationId, clientId)
                .withHeaderIfAbsent("Retry-After", Long.toString(decision.resetSeconds()));
    }

    /** Adds a header unless the reply already has one of that name (scripted headers win). */
    Reply withHeaderIfAbsent(String name, String value) {
        boolean present = headers.keySet().stream().anyMatch(name::equalsIgnoreCase);
        if (!present) {
            headers.put(name, value);
        }
        return this;
    }
}
