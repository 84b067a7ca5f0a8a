package io.dialgate.simulator;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A response a test scripts in {@link FaultPlan}: the simulator sends it instead of its own answer.
 *
 * @param body          JSON text, or null for an empty body
 * @param delay         waited before answering, on top of the configured latency
 * @param applyRequest  when true the request is still carried out (a PUT is stored) and only the answer
 *                      is replaced; models "the write happened but the client never saw the 200"
 */
public record ScriptedResponse(
        int status, Map<String, String> headers, String body, Duration delay, boolean applyRequest) {

    public ScriptedResponse {
        if (status < 100 || status > 599) {
            throw new IllegalArgumentException("status out of range: " + status);
        }
        headers = Map.copyOf(headers);
        Objects.requireNonNull(delay, "delay");
    }

    public static ScriptedResponse of(int status, Map<String, String> headers, String bodyJson) {
        return new ScriptedResponse(status, headers, bodyJson, Duration.ZERO, false);
    }

    public static ScriptedResponse of(int status) {
        return of(status, Map.of(), null);
    }

    /** A response with a Genesys error body of the given status and code. */
    public static ScriptedResponse genesysError(int status, String code, String message) {
        return of(status, Map.of(), GenesysErrorBody.of(status, code, message).toJsonString());
    }

    /** A 429 as Genesys sends it, with {@code Retry-After}. */
    public static ScriptedResponse tooManyRequests(int retryAfterSeconds) {
        GenesysErrorBody body = GenesysErrorBody.withParams(
                429,
                "too.many.requests",
                "Rate limit exceeded the maximum. Retry the request in [{retryAfter}] seconds",
                Map.of("retryAfter", Integer.toString(retryAfterSeconds)));
        return of(429, Map.of("Retry-After", Integer.toString(retryAfterSeconds)), body.toJsonString());
    }

    public ScriptedResponse withHeader(String name, String value) {
        Map<String, String> merged = new LinkedHashMap<>(headers);
        merged.put(name, value);
        return new ScriptedResponse(status, merged, body, delay, applyRequest);
    }

    public ScriptedResponse withDelay(Duration value) {
        return new ScriptedResponse(status, headers, body, value, applyRequest);
    }

    /** See {@link #applyRequest()}. */
    public ScriptedResponse afterApplyingRequest() {
        return new ScriptedResponse(status, headers, body, delay, true);
    }
}
