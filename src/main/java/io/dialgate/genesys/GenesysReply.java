package io.dialgate.genesys;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Duration;
import java.util.Optional;

/**
 * What Genesys answered to one call: its status and body, and {@code Retry-After} when given. Status 0 means no answer
 * at all (connection refused, timeout), with {@code failure} saying what happened.
 */
public record GenesysReply(int status, JsonNode body, Optional<Duration> retryAfter, String failure) {

    public static GenesysReply unanswered(String failure) {
        return new GenesysReply(0, null, Optional.empty(), failure);
    }

    public boolean ok() {
        return status >= 200 && status < 300;
    }

    /** Genesys's error {@code code}, {@code message} and {@code contextId}, when the body is a Genesys error. */
    public Optional<String> field(String name) {
        return Optional.ofNullable(body).map(b -> b.get(name)).filter(JsonNode::isValueNode).map(JsonNode::asText);
    }
}
